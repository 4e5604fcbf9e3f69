package dev.llmos.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.util.Map;
import java.util.Set;

/**
 * the engine's schemas are draft-07 (networknt validates them as draft-07); mcp tool schemas are json schema
 * 2020-12, which the sdk checks when it builds the server. the two differ for tuples: draft-07's
 * {@code items: [...]} with {@code additionalItems} is 2020-12's {@code prefixItems} with
 * {@code items}. everything else the registry's fragments use means the same in both.
 */
final class Draft2020 {

    /** keywords whose value is a map from names to schemas. */
    private static final Set<String> SCHEMA_MAPS = Set.of("properties", "patternProperties", "definitions", "$defs", "dependentSchemas");
    /** keywords whose value is one schema. */
    private static final Set<String> ONE_SCHEMA = Set.of("additionalProperties", "not", "if", "then", "else", "contains", "propertyNames");
    /** keywords whose value is a list of schemas. */
    private static final Set<String> SCHEMA_LISTS = Set.of("allOf", "anyOf", "oneOf");

    private Draft2020() {
    }

    /**
     * a boolean schema as the object that means the same ({@code true} is {@code {}}): the engine's
     * per-kind definitions list header fields as {@code true}, which some clients refuse to read.
     */
    private static JsonNode spelledOut(JsonNode schema) {
        if (schema.isBoolean()) {
            ObjectNode any = Json.mapper().createObjectNode();
            return schema.booleanValue() ? any : Json.mapper().createObjectNode().set("not", any);
        }
        return convert(schema);
    }

    static JsonNode convert(JsonNode schema) {
        if (!schema.isObject()) {
            return schema.deepCopy();
        }
        ObjectNode out = Json.mapper().createObjectNode();
        boolean tuple = schema.path("items").isArray();
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (SCHEMA_MAPS.contains(key) && value.isObject()) {
                ObjectNode map = out.putObject(key);
                value.properties().forEach(e -> map.set(e.getKey(), spelledOut(e.getValue())));
            } else if (ONE_SCHEMA.contains(key)) {
                out.set(key, convert(value));
            } else if (SCHEMA_LISTS.contains(key) && value.isArray()) {
                ArrayNode list = out.putArray(key);
                value.forEach(v -> list.add(convert(v)));
            } else if (key.equals("items")) {
                if (tuple) {
                    ArrayNode prefix = out.putArray("prefixItems");
                    value.forEach(v -> prefix.add(convert(v)));
                } else {
                    out.set("items", convert(value));
                }
            } else if (key.equals("additionalItems")) {
                if (tuple) {
                    out.set("items", convert(value));
                }
                // without a tuple, draft-07 ignores additionalItems, so 2020-12 needs nothing
            } else {
                out.set(key, value.deepCopy());
            }
        }
        return out;
    }
}
