package dev.llmos.engine.testkit;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;

import java.util.List;
import java.util.function.Function;

/** a policy written in java for engine tests; the drools adapter is tested in the rules module. */
public record ScriptedPolicy(Function<PolicyRequest, List<RuleOutput>> rules) implements PolicyEngine {

    @Override
    public List<RuleOutput> evaluate(PolicyRequest request) {
        return rules.apply(request);
    }

    @Override
    public String digest() {
        return "scripted";
    }
}
