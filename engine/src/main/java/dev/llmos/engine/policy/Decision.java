package dev.llmos.engine.policy;

import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ResourceLimits;

import java.util.List;

/**
 * the final decision for one action and everything that led to it.
 *
 * @param rule the rule that decided: the strictest match, or a builtin ("builtin.default-deny")
 * @param reason what that rule said (for a deny: what was violated)
 * @param alternative for a deny, a safer way the rule offers, or null
 * @param matches every verdict any rule recorded for this action, in firing order
 * @param confine resource limits for the process the action starts, or null for none
 * @param scope what the action may touch when it runs, as rules granted it ({@link Scope#NONE} when none did)
 */
public record Decision(
        String actionId,
        Verdict verdict,
        String rule,
        String justification,
        String reason,
        String alternative,
        List<RuleOutput.Match> matches,
        List<Precondition> preconditions,
        List<RecoveryStep> recovery,
        ResourceLimits confine,
        Scope scope) {

    public Decision {
        scope = scope == null ? Scope.NONE : scope;
        matches = List.copyOf(matches);
        preconditions = List.copyOf(preconditions);
        recovery = List.copyOf(recovery);
        confine = confine == null || confine.isNone() ? null : confine;
    }

    /** a decision that grants no scope. */
    public Decision(String actionId, Verdict verdict, String rule, String justification, String reason, String alternative,
                    List<RuleOutput.Match> matches, List<Precondition> preconditions, List<RecoveryStep> recovery,
                    ResourceLimits confine) {
        this(actionId, verdict, rule, justification, reason, alternative, matches, preconditions, recovery, confine, Scope.NONE);
    }

    /** a decision that puts no resource limits on the action. */
    public Decision(String actionId, Verdict verdict, String rule, String justification, String reason, String alternative,
                    List<RuleOutput.Match> matches, List<Precondition> preconditions, List<RecoveryStep> recovery) {
        this(actionId, verdict, rule, justification, reason, alternative, matches, preconditions, recovery, null, Scope.NONE);
    }
}
