package dev.llmos.engine.plan;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;

import java.util.List;
import java.util.Optional;

/**
 * a validated plan. only {@link PlanParser} makes one, so holding a plan means it passed the schema.
 *
 * @param steps prose steps of a planonly plan (empty for an actionplan)
 * @param json the plan as received, for its digest
 */
public record Plan(int version, PlanMode mode, String goal, List<String> steps, List<PlannedAction> actions, JsonNode json) {

    public Plan {
        steps = List.copyOf(steps);
        actions = List.copyOf(actions);
    }

    /** sha-256 of the canonical json: equal plans have equal digests whatever their key order or spacing. */
    public String digest() {
        return Json.sha256(Json.canonical(json));
    }

    public Optional<PlannedAction> action(String id) {
        return actions.stream().filter(a -> a.id().equals(id)).findFirst();
    }
}
