package dev.llmos.cli.app;

import dev.llmos.engine.policy.PolicyEngine;

import java.nio.file.Path;

/** placeholder until the rules module lands. */
public final class DroolsPolicies implements Policies {

    @Override
    public PolicyEngine load(Path policyDir, Path cacheDir) {
        throw new UnsupportedOperationException("rules module not wired yet");
    }

    @Override
    public Report check(Path policyDir) {
        throw new UnsupportedOperationException("rules module not wired yet");
    }
}
