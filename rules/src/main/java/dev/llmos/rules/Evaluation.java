package dev.llmos.rules;

import dev.llmos.engine.policy.RuleOutput;

import java.util.List;

/**
 * one evaluation, traced.
 *
 * @param outputs what the rules recorded, in firing order (what {@link DroolsPolicy#evaluate} returns)
 * @param fired the id of every rule that fired, in order, including those that recorded nothing
 */
public record Evaluation(List<RuleOutput> outputs, List<String> fired) {

    public Evaluation {
        outputs = List.copyOf(outputs);
        fired = List.copyOf(fired);
    }
}
