package dev.llmos.engine.policy;

import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ResourceLimits;

/** what one rule firing recorded about one action. */
public sealed interface RuleOutput permits RuleOutput.Match, RuleOutput.Require, RuleOutput.Recover, RuleOutput.Confine,
        RuleOutput.Grant {

    String actionId();

    String rule();

    /**
     * a verdict.
     *
     * @param justification the rule's {@code @justification}: why the rule exists
     * @param reason what the rule said about this action (for a deny: what was violated)
     * @param alternative a safer way to the same goal, if the rule offers one
     */
    record Match(String actionId, Verdict verdict, String rule, String justification, String reason, String alternative)
            implements RuleOutput {
    }

    /** a precondition the executor checks right before the action runs. */
    record Require(String actionId, Precondition precondition, String rule) implements RuleOutput {
    }

    /** a recovery step attached to the action. */
    record Recover(String actionId, RecoveryStep step, String rule) implements RuleOutput {
    }

    /** resource limits for the process the action starts (memory, cpu, pids). */
    record Confine(String actionId, ResourceLimits limits, String rule) implements RuleOutput {
    }

    /** part of the action's scope: what it may write, which secrets read, network, root. */
    record Grant(String actionId, Scope scope, String rule) implements RuleOutput {
    }
}
