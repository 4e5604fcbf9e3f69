package dev.llmos.engine.plan;

import dev.llmos.engine.spi.ActionHeader;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * one validated action: its header, its typed params and the json it came from.
 *
 * @param params the handler's params record, parsed from {@code json}
 * @param json the action exactly as planned (used for digests, audit and display)
 */
public record PlannedAction(ActionHeader header, Record params, JsonNode json) {

    public String id() {
        return header.id();
    }

    public String type() {
        return header.type();
    }
}
