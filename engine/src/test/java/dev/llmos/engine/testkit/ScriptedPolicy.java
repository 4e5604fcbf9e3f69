package dev.llmos.engine.testkit;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;

import java.util.List;
import java.util.function.Function;

/** a policy written in java for engine tests; the drools adapter is tested in the rules module. */
public record ScriptedPolicy(String digest, Function<PolicyRequest, List<RuleOutput>> rules) implements PolicyEngine {

    public ScriptedPolicy(Function<PolicyRequest, List<RuleOutput>> rules) {
        this("scripted", rules);
    }

    @Override
    public List<RuleOutput> evaluate(PolicyRequest request) {
        return rules.apply(request);
    }
}
