package dev.llmos.cli.explain;

import dev.llmos.engine.host.Requester;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.rules.RuleInfo;

import java.util.List;

/**
 * a decided plan, explained.
 *
 * @param fired every rule that fired, in order, including those that recorded nothing
 */
public record Explanation(String policyDir, String policyDigest, Requester requester, List<ActionExplanation> actions,
                          List<String> fired) {

    public Explanation {
        actions = List.copyOf(actions);
        fired = List.copyOf(fired);
    }

    /** how a match took part in the decision. */
    public enum Role {
        /** the strictest match, first in firing order: its rule is the decision's rule */
        DECIDES,
        /** a weaker verdict than the decision's: a stricter rule won */
        OVERRIDDEN,
        /** the same verdict as the decision, but an earlier rule is the one named */
        AGREES
    }

    /**
     * one verdict a rule recorded for the action.
     *
     * @param rule where the rule lives, or null for a builtin (protected paths)
     */
    public record MatchLine(RuleOutput.Match match, RuleInfo rule, Role role) {
    }

    /** something a rule attached: a precondition, a recovery step or resource limits, with the rule that did. */
    public record Attached(String kind, String description, String rule) {
    }

    /**
     * one action.
     *
     * @param decidingRule where the deciding rule lives, or null for a builtin
     * @param why why the final decision won, in a sentence or two
     */
    public record ActionExplanation(String id, String label, Decision decision, RuleInfo decidingRule,
                                    List<MatchLine> matches, List<Attached> preconditions, List<Attached> recovery,
                                    List<Attached> limits, String why) {

        public ActionExplanation {
            matches = List.copyOf(matches);
            preconditions = List.copyOf(preconditions);
            recovery = List.copyOf(recovery);
            limits = List.copyOf(limits);
        }
    }
}
