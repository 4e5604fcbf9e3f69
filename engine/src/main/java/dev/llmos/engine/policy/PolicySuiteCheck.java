package dev.llmos.engine.policy;

import java.nio.file.Path;
import java.util.List;

/**
 * runs a policy directory's own {@code tests/} suites against a freshly loaded policy, before it is
 * used. the runner lives with the suite format (cli's policytest); the daemon only needs this port.
 */
@FunctionalInterface
public interface PolicySuiteCheck {

    /** checks nothing: for embedders and tests that have no suites. */
    PolicySuiteCheck NONE = (dir, policy) -> List.of();

    /**
     * @return one line per failing case or malformed suite ({@code file:case: what differed}); empty
     *         when every case passes or the directory has no {@code tests/}
     */
    List<String> failures(Path policyDir, PolicyEngine policy);
}
