package dev.llmos.cli.explain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.rules.RuleInfo;

import java.util.List;
import java.util.Locale;

/** {@code policy explain --json}: the same explanation as data. */
public final class ExplainJson {

    private ExplainJson() {
    }

    public static ObjectNode of(Explanation e) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("policy", e.policyDir());
        root.put("policy_digest", e.policyDigest());
        root.set("requester", Json.tree(e.requester()));
        ArrayNode actions = root.putArray("actions");
        for (Explanation.ActionExplanation a : e.actions()) {
            Decision d = a.decision();
            ObjectNode node = actions.addObject();
            node.put("id", a.id());
            node.put("action", a.label());
            node.put("decision", d.verdict().wire());
            node.put("rule", d.rule());
            location(node, a.decidingRule());
            node.put("justification", d.justification());
            node.put("reason", d.reason());
            node.put("alternative", d.alternative());
            node.put("why", a.why());
            ArrayNode matches = node.putArray("matches");
            for (Explanation.MatchLine line : a.matches()) {
                RuleOutput.Match m = line.match();
                ObjectNode match = matches.addObject();
                match.put("verdict", m.verdict().wire());
                match.put("rule", m.rule());
                location(match, line.rule());
                match.put("justification", m.justification());
                match.put("reason", m.reason());
                match.put("alternative", m.alternative());
                match.put("role", line.role().name().toLowerCase(Locale.ROOT));
            }
            node.set("preconditions", attached(a.preconditions()));
            node.set("recovery", attached(a.recovery()));
            node.set("limits", attached(a.limits()));
        }
        root.set("fired", Json.tree(e.fired()));
        return root;
    }

    private static void location(ObjectNode node, RuleInfo rule) {
        if (rule == null) {
            node.put("builtin", true);
        } else {
            node.put("file", rule.file());
            node.put("line", rule.line());
        }
    }

    private static ArrayNode attached(List<Explanation.Attached> list) {
        ArrayNode out = Json.mapper().createArrayNode();
        list.forEach(a -> out.addObject().put("kind", a.kind()).put("description", a.description()).put("rule", a.rule()));
        return out;
    }
}
