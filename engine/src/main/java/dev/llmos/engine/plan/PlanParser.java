package dev.llmos.engine.plan;

import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.Danger;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanSchema;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.engine.schema.PlanValidator;
import dev.llmos.engine.spi.ActionHandler;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * the only way to get a {@link Plan}: parse, check against the generated schema, then parse each
 * action's own fields into its handler's params record. every error is collected before failing.
 */
public final class PlanParser {

    public static final int MAX_PLAN_BYTES = 1024 * 1024;

    private final ActionRegistry registry;
    private final ObjectNode schema;
    private final PlanValidator validator;

    public PlanParser(ActionRegistry registry) {
        this.registry = registry;
        this.schema = PlanSchema.generate(registry);
        this.validator = new PlanValidator(schema);
    }

    public ObjectNode schema() {
        return schema.deepCopy();
    }

    public ActionRegistry registry() {
        return registry;
    }

    /**
     * a plan's bytes as text, refusing invalid utf-8 (with the json pointer where it is) rather
     * than replacing it, so what is decided is what was sent.
     */
    public static String text(byte[] bytes) {
        if (StrictJson.invalidUtf8(bytes) != null) {
            try {
                StrictJson.read(bytes);
            } catch (StrictJson.BadJson e) {
                throw new PlanValidationException(List.of(new PlanError(e.pointer(), e.getMessage())));
            }
            throw new PlanValidationException(List.of(new PlanError("", StrictJson.invalidUtf8(bytes))));
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** a plan already decoded; checked for duplicate keys like bytes are. */
    public Plan parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * a plan as it arrived: strict utf-8 (an invalid byte sequence is an error, never a
     * replacement character), no duplicate keys (json leaves them undefined; jackson would keep
     * the last), both named by the json pointer where they occur.
     */
    public Plan parse(byte[] bytes) {
        if (bytes.length > MAX_PLAN_BYTES) {
            throw new PlanValidationException(List.of(new PlanError("",
                    "plan is " + bytes.length + " bytes, more than the limit of " + MAX_PLAN_BYTES)));
        }
        JsonNode node;
        try {
            node = StrictJson.read(bytes);
        } catch (StrictJson.BadJson e) {
            throw new PlanValidationException(List.of(new PlanError(e.pointer(), e.getMessage())));
        }
        if (node == null || node.isMissingNode()) {
            throw new PlanValidationException(List.of(new PlanError("", "empty input: expected a plan object")));
        }
        return parse(node);
    }

    public Plan parse(JsonNode node) {
        List<PlanError> errors = new ArrayList<>(validator.validate(node));
        errors.addAll(duplicateIds(node));
        if (!errors.isEmpty()) {
            throw new PlanValidationException(explain(errors));
        }
        List<PlannedAction> actions = new ArrayList<>();
        JsonNode list = node.path("actions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode a = list.get(i);
            ActionHeader header = new ActionHeader(a.get("id").asText(), i, a.get("type").asText(),
                    a.get("reason").asText(), Danger.fromWire(a.path("danger").asText(null)));
            try {
                actions.add(new PlannedAction(header, params(a), a));
            } catch (JsonProcessingException e) {
                errors.add(new PlanError("/actions/" + i + pathOf(e), e.getOriginalMessage()));
            }
        }
        if (!errors.isEmpty()) {
            throw new PlanValidationException(errors);
        }
        List<String> steps = new ArrayList<>();
        node.path("steps").forEach(s -> steps.add(s.asText()));
        return new Plan(node.get("version").asInt(), PlanMode.fromWire(node.get("mode").asText()),
                node.get("goal").asText(), steps, actions, node);
    }

    /** parses one action's own fields (the header removed) into its handler's params record. */
    public Record params(JsonNode action) throws JsonProcessingException {
        ActionHandler<?> handler = registry.handler(action.get("type").asText()).orElseThrow();
        // a shallow copy without the header: binding only reads the values it shares
        ObjectNode own = Json.mapper().createObjectNode();
        action.fields().forEachRemaining(f -> {
            if (!ActionRegistry.HEADER_FIELDS.contains(f.getKey())) {
                own.set(f.getKey(), f.getValue());
            }
        });
        return Json.mapper().treeToValue(own, handler.spec().paramsType());
    }

    private List<PlanError> explain(List<PlanError> errors) {
        String known = String.join(", ", registry.types());
        return errors.stream()
                .map(e -> e.message().startsWith("unknown action type")
                        ? new PlanError(e.pointer(), e.message() + " (known: " + known + ")")
                        : e)
                .toList();
    }

    private static List<PlanError> duplicateIds(JsonNode node) {
        List<PlanError> out = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        JsonNode list = node.path("actions");
        for (int i = 0; i < list.size(); i++) {
            JsonNode id = list.get(i).path("id");
            if (id.isTextual()) {
                Integer first = seen.putIfAbsent(id.asText(), i);
                if (first != null) {
                    out.add(new PlanError("/actions/" + i + "/id", "duplicate id \"" + id.asText()
                            + "\" (first used at /actions/" + first + ")"));
                }
            }
        }
        return out;
    }

    private static String pathOf(JsonProcessingException e) {
        if (e instanceof JsonMappingException m) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                sb.append('/').append(ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()));
            }
            return sb.toString();
        }
        return "";
    }
}
