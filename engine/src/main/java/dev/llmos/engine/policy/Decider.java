package dev.llmos.engine.policy;

import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ResourceLimits;

import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlannedAction;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * combines what rules recorded into one decision per action. the combination is fixed and lives
 * here, not in any policy: any deny wins, then confirm, then allow; an action no rule allowed is
 * denied. builtin matches (protected paths) are combined like any other, so no rule can outvote them.
 */
public final class Decider {

    public static final String DEFAULT_DENY_RULE = "builtin.default-deny";
    public static final String DEFAULT_DENY_REASON = "no rule allowed this action";

    private Decider() {
    }

    public static Map<String, Decision> combine(Plan plan, List<RuleOutput> outputs) {
        Map<String, List<RuleOutput>> byAction = new LinkedHashMap<>();
        for (PlannedAction action : plan.actions()) {
            byAction.put(action.id(), new ArrayList<>());
        }
        for (RuleOutput output : outputs) {
            List<RuleOutput> list = byAction.get(output.actionId());
            if (list == null) {
                throw new IllegalArgumentException("rule " + output.rule() + " recorded a result for unknown action " + output.actionId());
            }
            list.add(output);
        }
        Map<String, Decision> decisions = new LinkedHashMap<>();
        byAction.forEach((id, list) -> decisions.put(id, decide(id, list)));
        return decisions;
    }

    static Decision decide(String actionId, List<RuleOutput> outputs) {
        List<RuleOutput.Match> matches = new ArrayList<>();
        List<Precondition> preconditions = new ArrayList<>();
        List<RecoveryStep> recovery = new ArrayList<>();
        ResourceLimits confine = ResourceLimits.NONE;
        Scope scope = Scope.NONE;
        for (RuleOutput output : outputs) {
            switch (output) {
                case RuleOutput.Match m -> matches.add(m);
                case RuleOutput.Require r -> {
                    if (!preconditions.contains(r.precondition())) {
                        preconditions.add(r.precondition());
                    }
                }
                case RuleOutput.Recover r -> {
                    if (!recovery.contains(r.step())) {
                        recovery.add(r.step());
                    }
                }
                case RuleOutput.Confine c -> confine = confine.strictest(c.limits());
                case RuleOutput.Grant g -> scope = scope.union(g.scope());
            }
        }
        RuleOutput.Match winner = null;
        for (RuleOutput.Match m : matches) {
            if (winner == null || m.verdict().compareTo(winner.verdict()) > 0) {
                winner = m;
            }
        }
        if (winner == null) {
            return new Decision(actionId, Verdict.DENY, DEFAULT_DENY_RULE,
                    "default deny: an action runs only when a rule allows it", DEFAULT_DENY_REASON, null,
                    matches, preconditions, recovery, confine, scope);
        }
        return new Decision(actionId, winner.verdict(), winner.rule(), winner.justification(), winner.reason(),
                winner.alternative(), matches, preconditions, recovery, confine, scope);
    }
}
