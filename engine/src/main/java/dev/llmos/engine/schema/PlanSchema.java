package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;

/**
 * the plan's json schema, generated from the registry: each action kind contributes its fragment.
 * kinds are dispatched with if/then on {@code type} plus an enum of kinds, which gives one precise
 * error per mistake (oneOf floods the reader with every branch's complaints).
 */
public final class PlanSchema {

    public static final int MAX_ACTIONS = 100;
    public static final String ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

    private PlanSchema() {
    }

    public static ObjectNode generate(ActionRegistry registry) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode();
        root.put("$schema", "http://json-schema.org/draft-07/schema#");
        root.put("$id", "urn:llm-os:plan:1");
        root.put("title", "llm-os plan");
        root.put("type", "object");
        root.put("additionalProperties", false);
        root.set("required", f.arrayNode().add("version").add("mode").add("goal"));

        ObjectNode props = root.putObject("properties");
        props.putObject("version").put("type", "integer").set("enum", f.arrayNode().add(1));
        props.putObject("mode").put("type", "string").set("enum", f.arrayNode().add("planonly").add("actionplan"));
        props.putObject("goal").put("type", "string").put("minLength", 1).put("maxLength", 4000);
        props.putObject("steps").put("type", "array").put("maxItems", MAX_ACTIONS)
                .putObject("items").put("type", "string").put("maxLength", 4000);
        ObjectNode actions = props.putObject("actions");
        actions.put("type", "array").put("maxItems", MAX_ACTIONS);
        actions.putObject("items").put("$ref", "#/definitions/action");

        // an actionplan must carry at least one action
        ObjectNode ifAction = root.putObject("if");
        ifAction.putObject("properties").putObject("mode").set("enum", f.arrayNode().add("actionplan"));
        ifAction.set("required", f.arrayNode().add("mode"));
        ObjectNode thenAction = root.putObject("then");
        thenAction.set("required", f.arrayNode().add("actions"));
        thenAction.putObject("properties").putObject("actions").put("minItems", 1);

        ObjectNode defs = root.putObject("definitions");
        ObjectNode action = defs.putObject("action");
        action.put("type", "object");
        action.set("required", f.arrayNode().add("id").add("type").add("reason"));
        ObjectNode header = action.putObject("properties");
        headerProperties(header, registry, f);
        ArrayNode allOf = action.putArray("allOf");
        for (ActionSpec<?> spec : registry.specs()) {
            ObjectNode branch = allOf.addObject();
            ObjectNode cond = branch.putObject("if");
            cond.putObject("properties").putObject("type").set("enum", f.arrayNode().add(spec.type()));
            cond.set("required", f.arrayNode().add("type"));
            branch.putObject("then").put("$ref", "#/definitions/" + spec.type());

            ObjectNode kind = defs.putObject(spec.type());
            kind.put("description", spec.summary());
            ObjectNode kindProps = kind.putObject("properties");
            for (String h : new String[]{"id", "type", "reason", "danger"}) {
                kindProps.put(h, true);
            }
            spec.schema().path("properties").fields().forEachRemaining(e -> kindProps.set(e.getKey(), e.getValue()));
            if (spec.schema().has("required")) {
                kind.set("required", spec.schema().get("required"));
            }
            kind.put("additionalProperties", false);
        }
        return root;
    }

    private static void headerProperties(ObjectNode header, ActionRegistry registry, JsonNodeFactory f) {
        header.putObject("id").put("type", "string").put("pattern", ID_PATTERN);
        ArrayNode kinds = f.arrayNode();
        registry.types().forEach(kinds::add);
        header.putObject("type").put("type", "string").set("enum", kinds);
        header.putObject("reason").put("type", "string").put("minLength", 1).put("maxLength", 2000);
        header.putObject("danger").put("type", "string").set("enum", f.arrayNode().add("none").add("low").add("medium").add("high"));
    }

    /** the schema of one action kind on its own, header included, for listings and docs. */
    public static JsonNode ofAction(ObjectNode planSchema, String type) {
        return planSchema.path("definitions").path(type);
    }
}
