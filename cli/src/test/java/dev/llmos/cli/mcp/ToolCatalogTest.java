package dev.llmos.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the tool schemas llmsh mcp derives from the registry's draft-07 fragments. */
class ToolCatalogTest {

    private static ActionSpec<?> spec(String type) {
        return ActionRegistry.discover().handler(type).orElseThrow().spec();
    }

    @Test
    void aDraft07TupleBecomesPrefixItemsWithItemsForTheRest() {
        JsonNode argv = Draft2020.convert(ToolCatalog.actionSchema(spec("exec"))).path("properties").path("argv");
        JsonNode expected = Json.mapper().createObjectNode()
                .put("description", "the program and its arguments, one element each; never run through a shell")
                .put("type", "array").put("minItems", 1).put("maxItems", 256)
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("prefixItems", Json.mapper().createArrayNode().add(
                        Json.mapper().createObjectNode().put("type", "string").put("minLength", 1).put("maxLength", 4096)
                                .put("pattern", "^[^\\x00]*$")))
                .set("items", Json.mapper().createObjectNode().put("type", "string").put("maxLength", 65536).put("pattern", "^[^\\x00]*$"));
        assertEquals(expected, argv);
    }

    @Test
    void anActionToolTakesTheActionsFieldsPlusReasonAndDangerAndNothingElse() {
        JsonNode schema = ToolCatalog.actionSchema(spec("read_file"));
        java.util.List<String> fields = new java.util.ArrayList<>();
        schema.path("properties").fieldNames().forEachRemaining(fields::add);
        assertEquals(java.util.List.of("path", "max_bytes", "reason", "danger"), fields);
        assertEquals(Json.mapper().createArrayNode().add("path"), schema.path("required"));
        assertEquals(false, schema.path("additionalProperties").booleanValue());
    }

    @Test
    void aBooleanPropertySchemaIsSpelledOutAsTheObjectThatMeansTheSame() {
        JsonNode in = Json.mapper().createObjectNode().set("properties",
                Json.mapper().createObjectNode().put("anything", true).put("nothing", false));
        JsonNode expected = Json.mapper().createObjectNode().set("properties", Json.mapper().createObjectNode()
                .<com.fasterxml.jackson.databind.node.ObjectNode>set("anything", Json.mapper().createObjectNode())
                .set("nothing", Json.mapper().createObjectNode().set("not", Json.mapper().createObjectNode())));
        assertEquals(expected, Draft2020.convert(in));
    }
}
