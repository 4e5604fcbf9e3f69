package dev.llmos.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * how a handler describes itself. the plan schema, {@code llmsh actions}, the llm prompt and the docs
 * are all generated from these, so a new action is described exactly once.
 *
 * @param type the wire name in {@code "type": ...}, lowercase snake_case
 * @param summary one line for people and for the model
 * @param paramsType the record the action's own fields are parsed into (snake_case on the wire)
 * @param schema a json schema fragment: {@code {"properties": {...}, "required": [...]}} for the
 *               action's own fields; the engine adds id, type, reason and danger
 * @param factType the class rules match on for this action (must implement {@link ActionFact})
 */
public record ActionSpec<P extends Record>(
        String type,
        String summary,
        Class<P> paramsType,
        JsonNode schema,
        Class<? extends ActionFact> factType,
        Effect effect,
        boolean canDryRun,
        boolean canUndo) {

    /** reads a schema fragment that sits next to {@code anchor} in its package. */
    public static JsonNode schemaResource(Class<?> anchor, String name) {
        try (InputStream in = anchor.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("schema resource " + name + " not found next to " + anchor.getName());
            }
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("schema resource " + name + " next to " + anchor.getName() + " is not json", e);
        }
    }
}
