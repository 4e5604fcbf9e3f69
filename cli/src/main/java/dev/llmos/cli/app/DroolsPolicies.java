package dev.llmos.cli.app;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** the real policy compiler: drools, with the compiled result cached by digest in memory and on disk. */
public final class DroolsPolicies implements Policies {

    @Override
    public PolicyEngine load(Path policyDir, Path cacheDir) {
        return DroolsPolicy.load(policyDir, PolicyCache.onDisk(cacheDir.resolve("policy")));
    }

    @Override
    public Report check(Path policyDir) {
        try {
            DroolsPolicy policy = DroolsPolicy.load(policyDir, PolicyCache.inMemory());
            return new Report(policy.warnings(), policy.rules().size(), drlFiles(policyDir), policy.digest());
        } catch (PolicyLoadException e) {
            List<PolicyProblem> problems = e.problems();
            return new Report(problems, 0, drlFiles(policyDir), null);
        }
    }

    private static int drlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p)).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
