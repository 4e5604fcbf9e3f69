package dev.llmos.actions.pipeline;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.Scope;

import java.util.ArrayList;
import java.util.List;

/**
 * a policy for handler tests: allows every action and asks for an automatic undo of each one that
 * can be undone, so a later failure exercises the executor's recovery for real. every action may
 * write anywhere but the protected paths (a grant of /), so programs run in a sandbox that only the
 * builtin protections narrow: what these tests attack.
 */
record AllowAllPolicy(ActionRegistry registry) implements PolicyEngine {

    static final String ALLOW = "test.allow-all";
    static final String UNDO = "test.undo-on-failure";

    @Override
    public List<RuleOutput> evaluate(PolicyRequest request) {
        List<RuleOutput> out = new ArrayList<>();
        for (ActionFact fact : request.facts()) {
            out.add(new RuleOutput.Match(fact.id(), Verdict.ALLOW, ALLOW, "tests allow everything", "allowed", null));
            out.add(new RuleOutput.Grant(fact.id(), Scope.writing("/"), ALLOW));
            if (registry.handler(fact.type()).orElseThrow().spec().canUndo()) {
                out.add(new RuleOutput.Recover(fact.id(), new RecoveryStep.Undo(true), UNDO));
            }
        }
        return out;
    }

    @Override
    public String digest() {
        return "allow-all";
    }
}
