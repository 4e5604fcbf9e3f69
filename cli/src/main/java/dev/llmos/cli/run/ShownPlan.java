package dev.llmos.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.Danger;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * a plan read only as far as the client shows it (goal, ids, types, reasons, dangers), for llm-osd
 * to validate: no registry, handlers or schema validator in a client whose daemon decides
 * (decision 0023). the actions carry no params record, which only execution reads. a plan is
 * shown this way only after the daemon accepted it; a document without these fields is empty
 * here, and the full local check then names what is wrong, as it always did.
 */
final class ShownPlan {

    private ShownPlan() {
    }

    static Optional<Plan> of(JsonNode node) {
        if (node == null || !node.isObject() || !node.path("version").isInt() || !node.path("mode").isTextual()
                || !node.path("goal").isTextual()) {
            return Optional.empty();
        }
        PlanMode mode;
        try {
            mode = PlanMode.fromWire(node.get("mode").asText());
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        List<String> steps = new ArrayList<>();
        node.path("steps").forEach(s -> steps.add(s.asText()));
        List<PlannedAction> actions = new ArrayList<>();
        JsonNode list = node.path("actions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            if (!a.path("id").isTextual() || !a.path("type").isTextual() || !a.path("reason").isTextual()
                    || !(a.path("danger").isMissingNode() || a.path("danger").isTextual())) {
                return Optional.empty();
            }
            Danger danger;
            try {
                danger = Danger.fromWire(a.path("danger").asText(null));
            } catch (IllegalArgumentException unknown) {
                return Optional.empty();
            }
            actions.add(new PlannedAction(new ActionHeader(a.get("id").asText(), i, a.get("type").asText(),
                    a.get("reason").asText(), danger), null, a));
        }
        return Optional.of(new Plan(node.get("version").asInt(), mode, node.get("goal").asText(), steps, actions, node));
    }
}
