package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;

import java.util.List;

/** the answer when this host has no such firmware source: a success that says so and why. */
final class Unavailable {

    private Unavailable() {
    }

    static ActionOutcome because(String reason) {
        ObjectNode data = Json.mapper().createObjectNode().put("available", false).put("reason", reason);
        return ActionOutcome.success(List.of(), data, null);
    }

    /** the data of a source that answered. */
    static ObjectNode available() {
        return Json.mapper().createObjectNode().put("available", true);
    }
}
