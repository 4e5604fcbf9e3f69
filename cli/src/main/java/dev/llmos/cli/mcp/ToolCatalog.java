package dev.llmos.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanSchema;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import io.modelcontextprotocol.spec.McpSchema;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * the tools {@code llmsh mcp} offers, generated from the action registry: one per action type (its
 * schema is the action's own fragment plus reason and danger), then {@code plan} and {@code explain}
 * over the whole plan schema. a new capability on the class path is a new tool, nothing edited.
 */
final class ToolCatalog {

    static final String PLAN = "plan";
    static final String EXPLAIN = "explain";
    private static final String GATE = " Decided by the admin's llm-os policy before anything runs: a DENY comes back as an error"
            + " naming the rule, what was violated and a safer alternative; a CONFIRM asks a person.";

    private ToolCatalog() {
    }

    static List<McpSchema.Tool> tools(ActionRegistry registry) {
        for (String reserved : List.of(PLAN, EXPLAIN)) {
            if (registry.types().contains(reserved)) {
                throw new ActionRegistry.RegistryException("action type \"" + reserved + "\" clashes with the mcp tool of that name");
            }
        }
        List<McpSchema.Tool> tools = new ArrayList<>();
        for (ActionSpec<?> spec : registry.specs()) {
            tools.add(McpSchema.Tool.builder()
                    .name(spec.type())
                    .title(spec.type())
                    .description(spec.summary() + " (" + spec.effect().wire() + ")." + GATE)
                    .inputSchema(map(actionSchema(spec)))
                    .annotations(annotations(spec.type(), spec.effect()))
                    .build());
        }
        JsonNode planSchema = planSchema(registry);
        tools.add(McpSchema.Tool.builder()
                .name(PLAN)
                .title("run a plan")
                .description("Run a whole llm-os plan (several actions in order, with plan-level rules): validated, decided,"
                        + " confirmed where policy asks, run, audited. Stops at the first failure." + GATE)
                .inputSchema(map(planSchema))
                .annotations(McpSchema.ToolAnnotations.builder().title("run a plan")
                        .readOnlyHint(false).destructiveHint(true).idempotentHint(false).openWorldHint(true).build())
                .build());
        tools.add(McpSchema.Tool.builder()
                .name(EXPLAIN)
                .title("explain a plan")
                .description("How the admin's policy would decide a plan, action by action: verdict, the deciding rule and"
                        + " its justification, every rule that matched, preconditions and scope. Nothing runs.")
                .inputSchema(map(planSchema))
                .annotations(McpSchema.ToolAnnotations.builder().title("explain a plan")
                        .readOnlyHint(true).destructiveHint(false).idempotentHint(true).openWorldHint(false).build())
                .build());
        return tools;
    }

    /** the action's own fields, plus the reason recorded in the audit log and the danger it claims. */
    static ObjectNode actionSchema(ActionSpec<?> spec) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode schema = f.objectNode();
        schema.put("type", "object");
        ObjectNode props = schema.putObject("properties");
        spec.schema().path("properties").properties().forEach(e -> props.set(e.getKey(), e.getValue().deepCopy()));
        props.putObject("reason").put("type", "string").put("minLength", 1).put("maxLength", 2000)
                .put("description", "why this is needed; shown to the person asked and recorded in the audit log");
        ObjectNode danger = props.putObject("danger").put("type", "string")
                .put("description", "how destructive you judge it; policy sees it, nothing trusts it");
        danger.set("enum", f.arrayNode().add("none").add("low").add("medium").add("high"));
        schema.set("required", spec.schema().has("required") ? spec.schema().get("required").deepCopy() : f.arrayNode());
        schema.put("additionalProperties", false);
        return schema;
    }

    /** the plan schema as the engine validates it, without the keywords a tool schema does not carry. */
    static JsonNode planSchema(ActionRegistry registry) {
        ObjectNode schema = PlanSchema.generate(registry);
        schema.remove("$schema");
        schema.remove("$id");
        // each kind's definition admits the header fields with a bare "any"; the action definition
        // already constrains them, so repeating its header schemas there changes nothing but lets
        // clients that check schema portability read a real schema
        JsonNode header = schema.path("definitions").path("action").path("properties");
        for (String type : registry.types()) {
            if (schema.path("definitions").path(type).path("properties") instanceof ObjectNode props) {
                header.properties().forEach(h -> props.set(h.getKey(), h.getValue().deepCopy()));
            }
        }
        return schema;
    }

    /** hints from the action's effect; an mcp client uses them to decide what to ask its user about. */
    static McpSchema.ToolAnnotations annotations(String title, Effect effect) {
        return switch (effect) {
            case READ_ONLY -> McpSchema.ToolAnnotations.builder().title(title)
                    .readOnlyHint(true).destructiveHint(false).idempotentHint(true).build();
            case MUTATING -> McpSchema.ToolAnnotations.builder().title(title)
                    .readOnlyHint(false).destructiveHint(false).idempotentHint(false).build();
            case DESTRUCTIVE -> McpSchema.ToolAnnotations.builder().title(title)
                    .readOnlyHint(false).destructiveHint(true).idempotentHint(false).build();
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode schema) {
        return Json.mapper().convertValue(Draft2020.convert(schema), Map.class);
    }
}
