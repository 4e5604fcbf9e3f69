package dev.llmos.cli.policytest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.policy.Verdict;

import java.util.ArrayList;
import java.util.List;

/**
 * what a case expects for one action. null fields are not checked.
 *
 * @param preconditions in order, each a kind ({@code disk_free}) or a description
 * @param recovery in order, each a kind ({@code undo}, {@code run_action}) or a description
 */
public record Expectation(Verdict decision, String rule, List<String> preconditions, List<String> recovery) {

    /** from a schema-checked node: {@code deny} or {@code {decision: deny, rule: ...}}. */
    static Expectation of(JsonNode node) {
        if (node.isTextual()) {
            return new Expectation(verdict(node.asText()), null, null, null);
        }
        return new Expectation(verdict(node.path("decision").asText()),
                node.hasNonNull("rule") ? node.get("rule").asText() : null,
                strings(node.get("preconditions")), strings(node.get("recovery")));
    }

    static Verdict verdict(String wire) {
        for (Verdict v : Verdict.values()) {
            if (v.wire().equals(wire)) {
                return v;
            }
        }
        throw new IllegalArgumentException("no verdict " + wire);
    }

    private static List<String> strings(JsonNode list) {
        if (list == null || list.isNull()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return List.copyOf(out);
    }
}
