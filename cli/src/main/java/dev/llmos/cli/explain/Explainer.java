package dev.llmos.cli.explain;

import dev.llmos.cli.app.TracedDecisions;
import dev.llmos.cli.policytest.ActionCheck;
import dev.llmos.cli.policytest.ActionLabel;
import dev.llmos.engine.policy.Decider;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.ProtectedPaths;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.rules.RuleInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * turns a traced decision into an explanation. the combination it explains is the engine's fixed
 * one (see {@link Decider}): any deny wins, then confirm, then allow; the first match with the
 * strictest verdict is named; no verdict at all is a deny.
 */
public final class Explainer {

    private Explainer() {
    }

    public static Explanation explain(String policyDir, TracedDecisions.Traced traced, List<RuleInfo> rules) {
        Map<String, RuleInfo> byId = new HashMap<>();
        rules.forEach(r -> byId.putIfAbsent(r.id(), r));
        List<Explanation.ActionExplanation> actions = new ArrayList<>();
        for (PlannedAction action : traced.decided().plan().actions()) {
            Decision d = traced.decided().decision(action.id());
            List<Explanation.MatchLine> lines = new ArrayList<>();
            boolean named = false;
            for (RuleOutput.Match m : d.matches()) {
                Explanation.Role role;
                if (m.verdict() != d.verdict()) {
                    role = Explanation.Role.OVERRIDDEN;
                } else if (!named && m.rule().equals(d.rule()) && m.reason().equals(d.reason())) {
                    role = Explanation.Role.DECIDES;
                    named = true;
                } else {
                    role = Explanation.Role.AGREES;
                }
                lines.add(new Explanation.MatchLine(m, byId.get(m.rule()), role));
            }
            List<Explanation.Attached> preconditions = new ArrayList<>();
            List<Explanation.Attached> recovery = new ArrayList<>();
            List<Explanation.Attached> limits = new ArrayList<>();
            for (RuleOutput out : traced.evaluation().outputs()) {
                if (!out.actionId().equals(action.id())) {
                    continue;
                }
                switch (out) {
                    case RuleOutput.Require r -> add(preconditions,
                            new Explanation.Attached(r.precondition().kind(), r.precondition().describe(), r.rule()));
                    case RuleOutput.Recover r -> add(recovery,
                            new Explanation.Attached(ActionCheck.kind(r.step()), r.step().describe()
                                    + (r.step().automatic() ? ", automatic" : ", offered"), r.rule()));
                    case RuleOutput.Confine r -> add(limits, new Explanation.Attached("confine", limits(r.limits()), r.rule()));
                    case RuleOutput.Grant g -> add(limits, new Explanation.Attached("scope", g.scope().describe(), g.rule()));
                    case RuleOutput.Match m -> {
                    }
                }
            }
            actions.add(new Explanation.ActionExplanation(action.id(), ActionLabel.of(action), d, byId.get(d.rule()), lines,
                    preconditions, recovery, limits, why(d, lines)));
        }
        return new Explanation(policyDir, traced.decided().policyDigest(), traced.decided().requester(), actions,
                traced.evaluation().fired());
    }

    /** rules that attach the same thing twice count once, as the engine's combination does. */
    private static void add(List<Explanation.Attached> list, Explanation.Attached item) {
        if (list.stream().noneMatch(a -> a.description().equals(item.description()))) {
            list.add(item);
        }
    }

    private static String limits(ResourceLimits l) {
        List<String> parts = new ArrayList<>();
        if (l.memoryMaxBytes() != null) {
            parts.add("memory <= " + l.memoryMaxBytes() + " bytes");
        }
        if (l.cpuQuotaPercent() != null) {
            parts.add("cpu <= " + l.cpuQuotaPercent() + "% of one cpu");
        }
        if (l.pidsMax() != null) {
            parts.add("pids <= " + l.pidsMax());
        }
        return String.join(", ", parts);
    }

    static String why(Decision d, List<Explanation.MatchLine> lines) {
        if (Decider.DEFAULT_DENY_RULE.equals(d.rule())) {
            return "no rule recorded a verdict for this action, so it is denied by default: an action runs only when a rule allows it";
        }
        long overridden = lines.stream().filter(l -> l.role() == Explanation.Role.OVERRIDDEN).count();
        long agrees = lines.stream().filter(l -> l.role() == Explanation.Role.AGREES).count();
        String verb = switch (d.verdict()) {
            case ALLOW -> "allows";
            case CONFIRM -> "asks for confirmation";
            case DENY -> "denies";
        };
        StringBuilder why = new StringBuilder();
        if (ProtectedPaths.RULE.equals(d.rule())) {
            why.append(d.rule()).append(" denies: it is checked in code, before and beside the rules, and no rule can outvote a deny");
        } else if (lines.size() == 1) {
            why.append(d.rule()).append(" is the only rule that matched, and it ").append(verb);
        } else {
            why.append("the strictest verdict wins (deny > confirm > allow): ").append(d.rule()).append(' ').append(verb);
        }
        if (overridden > 0) {
            why.append("; ").append(overridden).append(overridden == 1 ? " weaker match is" : " weaker matches are")
                    .append(" overridden");
        }
        if (agrees > 0) {
            why.append("; ").append(agrees).append(agrees == 1 ? " other rule" : " other rules")
                    .append(" gave the same verdict later, and the first to fire is named");
        }
        if (d.verdict() == Verdict.ALLOW) {
            why.append("; nothing confirmed or denied it");
        }
        return why.toString();
    }
}
