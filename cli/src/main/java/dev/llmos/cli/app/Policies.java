package dev.llmos.cli.app;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyProblem;

import java.nio.file.Path;
import java.util.List;

/**
 * how the command line gets a policy. the real one compiles {@code *.drl} with drools; tests pass
 * one that shares a compiled policy across the whole test run, since compiling costs seconds.
 */
public interface Policies {

    /** a compiled policy, or a {@link dev.llmos.engine.policy.PolicyLoadException} with every problem. */
    PolicyEngine load(Path policyDir, Path cacheDir);

    /** every problem, warnings included; a policy that compiles is also counted and digested. */
    Report check(Path policyDir, Path cacheDir);

    /**
     * what checking a policy found.
     *
     * @param digest null when the policy did not compile
     */
    record Report(List<PolicyProblem> problems, int rules, int files, String digest) {

        public Report {
            problems = List.copyOf(problems);
        }

        public boolean hasErrors() {
            return problems.stream().anyMatch(PolicyProblem::error);
        }
    }
}
