package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * a plan as the audit keeps it: every parameter, except file contents, typed text and environment
 * values, which become a sha-256 digest and a length. the record says what was written without
 * holding a password or a key that an action carried; whoever has the content can check it.
 */
public final class Redact {

    /** fields whose string value is content or typed text: kept as a digest and a length. */
    static final Set<String> CONTENT = Set.of("content", "text");
    /** fields holding a map of names to secret-bearing values: names kept, values digested. */
    static final Set<String> VALUES = Set.of("env");

    private Redact() {
    }

    /** the plan json with each action's content and environment values replaced by digests. */
    public static ObjectNode plan(JsonNode plan) {
        ObjectNode copy = plan.isObject() ? ((ObjectNode) plan).deepCopy() : Json.mapper().createObjectNode();
        for (JsonNode action : copy.path("actions")) {
            if (action instanceof ObjectNode a) {
                redactInPlace(a);
            }
        }
        return copy;
    }

    /** one action's json, redacted the same way. */
    public static ObjectNode action(JsonNode action) {
        ObjectNode a = action.isObject() ? ((ObjectNode) action).deepCopy() : Json.mapper().createObjectNode();
        redactInPlace(a);
        return a;
    }

    private static void redactInPlace(ObjectNode a) {
        for (String name : fieldNames(a)) {
            JsonNode value = a.get(name);
            if (CONTENT.contains(name) && value.isTextual()) {
                a.set(name, digest(value.asText()));
            } else if (VALUES.contains(name) && value instanceof ObjectNode env) {
                for (String key : fieldNames(env)) {
                    JsonNode v = env.get(key);
                    env.set(key, digest(v.isTextual() ? v.asText() : v.toString()));
                }
            }
        }
    }

    private static java.util.List<String> fieldNames(ObjectNode n) {
        java.util.List<String> out = new java.util.ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static ObjectNode digest(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        return Json.mapper().createObjectNode().put("sha256", Json.sha256(bytes)).put("length", bytes.length);
    }
}
