package dev.llmos.engine.policy;

import java.nio.file.Path;

/** builds a policy engine from a policy directory; the daemon calls it again to hot-reload. */
@FunctionalInterface
public interface PolicyLoader {

    /** @throws PolicyLoadException naming each problem as file:line, when the policy cannot be used */
    PolicyEngine load(Path policyDir);
}
