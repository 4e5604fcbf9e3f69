package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * the plan schema in the subset of json schema that strict structured output accepts (openai strict
 * mode, and the grammar compilers of llama.cpp, vllm and ollama): every property required, optional
 * ones nullable, {@code additionalProperties: false} everywhere, one {@code anyOf} branch per action
 * kind with {@code type} as a one-value enum, no if/then, tuples, propertyNames, patterns or length
 * limits. it is looser than the engine's schema on purpose: the engine validates every answer again
 * with the real schema, and the repair round reports what this one could not say.
 *
 * <p>a map such as exec's {@code env} cannot be said in strict mode, so it travels as a list of
 * {@code {"name", "value"}} entries and {@link #normalize} turns it back into an object.
 */
public final class StrictSchema {

    private static final Logger LOG = LoggerFactory.getLogger(StrictSchema.class);
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    private final Map<Mode, ObjectNode> byMode = new EnumMap<>(Mode.class);
    private final Map<String, Set<String>> mapFields = new TreeMap<>();
    private final List<String> dropped = new ArrayList<>();

    private StrictSchema(ActionRegistry registry) {
        ArrayNode kinds = F.arrayNode();
        for (ActionSpec<?> spec : registry.specs()) {
            kinds.add(action(spec));
        }
        for (Mode mode : Mode.values()) {
            byMode.put(mode, root(mode, kinds));
        }
    }

    public static StrictSchema of(ActionRegistry registry) {
        return new StrictSchema(registry);
    }

    /** the schema sent with a request in this mode (a copy: callers may not change the shared one). */
    public ObjectNode schema(Mode mode) {
        return byMode.get(mode).deepCopy();
    }

    /** action fields that could not be expressed and are left out, as {@code type.field: why}. */
    public List<String> dropped() {
        return List.copyOf(dropped);
    }

    /**
     * the model's answer in the engine's shape: null fields removed (they stand for "absent"), empty
     * {@code steps}/{@code actions} removed, entry lists turned back into maps. anything unexpected is
     * left alone for the engine to report.
     */
    public JsonNode normalize(JsonNode answer) {
        return StrictAnswer.normalize(answer, mapFields);
    }

    private ObjectNode root(Mode mode, ArrayNode kinds) {
        ObjectNode root = F.objectNode();
        root.put("type", "object");
        ObjectNode props = root.putObject("properties");
        props.putObject("version").put("type", "integer").set("enum", F.arrayNode().add(1));
        ArrayNode modes = F.arrayNode();
        mode.forced().ifPresentOrElse(m -> modes.add(m.wire()), () -> modes.add("planonly").add("actionplan"));
        props.putObject("mode").put("type", "string").set("enum", modes);
        props.putObject("goal").put("type", "string")
                .put("description", "the task in one line; in a final answer, the answer itself");
        if (mode != Mode.ACTIONPLAN) {
            props.putObject("steps").put("type", "array")
                    .put("description", "planonly: short prose steps or findings; actionplan: empty")
                    .putObject("items").put("type", "string");
        }
        if (mode != Mode.PLANONLY) {
            ObjectNode actions = props.putObject("actions").put("type", "array")
                    .put("description", "actionplan: the actions in order; planonly: empty");
            actions.putObject("items").set("anyOf", kinds.deepCopy());
        }
        Set<String> all = new LinkedHashSet<>();
        props.fieldNames().forEachRemaining(all::add);
        closeObject(root, all);
        return root;
    }

    private ObjectNode action(ActionSpec<?> spec) {
        ObjectNode kind = F.objectNode();
        kind.put("type", "object");
        kind.put("description", spec.summary());
        ObjectNode props = kind.putObject("properties");
        props.putObject("id").put("type", "string").put("description", "unique in the plan: a1, a2, ...");
        props.putObject("type").put("type", "string").set("enum", F.arrayNode().add(spec.type()));
        props.putObject("reason").put("type", "string").put("description", "why this step, in a few words");
        props.putObject("danger").put("type", "string").put("description", "required for destructive steps")
                .set("enum", F.arrayNode().add("none").add("low").add("medium").add("high"));
        Set<String> required = new LinkedHashSet<>(List.of("id", "type", "reason"));
        spec.schema().path("required").forEach(r -> required.add(r.asText()));
        for (Map.Entry<String, JsonNode> field : spec.schema().path("properties").properties()) {
            String where = spec.type() + "." + field.getKey();
            JsonNode source = field.getValue();
            Optional<ObjectNode> converted = isMap(source) ? Optional.of(entries(source, where))
                    : convert(source, where);
            if (converted.isEmpty()) {
                continue;
            }
            if (isMap(source)) {
                mapFields.computeIfAbsent(spec.type(), t -> new LinkedHashSet<>()).add(field.getKey());
            }
            props.set(field.getKey(), converted.get());
        }
        closeObject(kind, required);
        return kind;
    }

    /** one schema node in the strict subset, or empty (logged and listed) when it has no strict form. */
    private Optional<ObjectNode> convert(JsonNode s, String where) {
        if (!s.isObject()) {
            return drop(where, "not an object schema");
        }
        ObjectNode out = F.objectNode();
        JsonNode branches = s.has("anyOf") ? s.get("anyOf") : s.get("oneOf");
        if (branches != null) {
            ArrayNode any = out.putArray("anyOf");
            for (JsonNode b : branches) {
                convert(b, where).ifPresent(any::add);
            }
            return any.isEmpty() ? drop(where, "no branch has a strict form") : Optional.of(describe(out, s));
        }
        JsonNode type = s.get("type");
        if (type == null && s.has("const")) {
            return Optional.of(describe(scalarEnum(F.arrayNode().add(s.get("const"))), s));
        }
        if (type == null && s.has("enum")) {
            return Optional.of(describe(scalarEnum(s.get("enum").deepCopy()), s));
        }
        if (type != null && type.isArray()) {
            ArrayNode any = out.putArray("anyOf");
            for (JsonNode t : type) {
                ObjectNode one = s.deepCopy();
                one.put("type", t.asText());
                convert(one, where).ifPresent(any::add);
            }
            return Optional.of(describe(out, s));
        }
        String t = type == null ? "" : type.asText();
        if (SCALARS.contains(t)) {
            out.put("type", t);
            if (s.has("enum")) {
                // a copy: making the field nullable adds null to it, and the source is the handler's own schema
                out.set("enum", s.get("enum").deepCopy());
            } else if (s.has("const")) {
                out.set("enum", F.arrayNode().add(s.get("const")));
            }
            return Optional.of(describe(out, s));
        }
        if (t.equals("array")) {
            Optional<ObjectNode> items = items(s, where + "[]");
            if (items.isEmpty()) {
                return drop(where, "its items have no strict form");
            }
            out.put("type", "array");
            out.set("items", items.get());
            return Optional.of(describe(out, s));
        }
        if (t.equals("object") && s.path("properties").isObject()) {
            out.put("type", "object");
            ObjectNode props = out.putObject("properties");
            for (Map.Entry<String, JsonNode> field : s.get("properties").properties()) {
                convert(field.getValue(), where + "." + field.getKey()).ifPresent(c -> props.set(field.getKey(), c));
            }
            Set<String> required = new LinkedHashSet<>();
            s.path("required").forEach(r -> required.add(r.asText()));
            closeObject(out, required);
            return Optional.of(describe(out, s));
        }
        return drop(where, "type " + (t.isEmpty() ? "(none)" : t) + " has no strict form here");
    }

    /** array items: a tuple's extra-items schema covers the tail, so it is the looser and is used. */
    private Optional<ObjectNode> items(JsonNode s, String where) {
        JsonNode items = s.get("items");
        if (items == null) {
            return drop(where, "array without items");
        }
        if (!items.isArray()) {
            return convert(items, where);
        }
        if (s.path("additionalItems").isObject()) {
            return convert(s.get("additionalItems"), where);
        }
        ObjectNode any = F.objectNode();
        ArrayNode branches = any.putArray("anyOf");
        items.forEach(i -> convert(i, where).ifPresent(branches::add));
        return branches.size() == 1 ? Optional.of((ObjectNode) branches.get(0)) : Optional.of(any);
    }

    private static boolean isMap(JsonNode s) {
        return "object".equals(s.path("type").asText()) && !s.has("properties") && s.path("additionalProperties").isObject();
    }

    /** a map as a list of name/value entries, since strict mode cannot leave property names open. */
    private ObjectNode entries(JsonNode s, String where) {
        ObjectNode entry = F.objectNode();
        entry.put("type", "object");
        ObjectNode props = entry.putObject("properties");
        props.putObject("name").put("type", "string");
        props.set("value", convert(s.get("additionalProperties"), where + ".value")
                .orElseGet(() -> F.objectNode().put("type", "string")));
        closeObject(entry, Set.of("name", "value"));
        ObjectNode out = F.objectNode();
        out.put("type", "array");
        String text = s.path("description").asText("");
        out.put("description", (text.isEmpty() ? "" : text + "; ") + "given as a list of {name, value} entries");
        out.set("items", entry);
        return out;
    }

    private static ObjectNode scalarEnum(JsonNode values) {
        ObjectNode out = F.objectNode();
        JsonNode first = values.get(0);
        out.put("type", first.isIntegralNumber() ? "integer" : first.isNumber() ? "number" : first.isBoolean() ? "boolean" : "string");
        out.set("enum", values.deepCopy());
        return out;
    }

    /** every property required, those not required by the source made nullable, nothing else allowed. */
    private static void closeObject(ObjectNode object, Set<String> required) {
        ArrayNode all = object.putArray("required");
        object.get("properties").properties().forEach(field -> {
            all.add(field.getKey());
            if (!required.contains(field.getKey())) {
                nullable((ObjectNode) field.getValue());
            }
        });
        object.put("additionalProperties", false);
    }

    private static void nullable(ObjectNode s) {
        if (s.has("anyOf")) {
            ((ArrayNode) s.get("anyOf")).addObject().put("type", "null");
            return;
        }
        s.set("type", F.arrayNode().add(s.get("type").asText()).add("null"));
        if (s.has("enum")) {
            ((ArrayNode) s.get("enum")).addNull();
        }
    }

    private static ObjectNode describe(ObjectNode out, JsonNode source) {
        if (source.path("description").isTextual() && !out.has("description")) {
            out.put("description", source.get("description").asText());
        }
        return out;
    }

    private Optional<ObjectNode> drop(String where, String why) {
        LOG.warn("strict schema leaves out {}: {}", where, why);
        dropped.add(where + ": " + why);
        return Optional.empty();
    }
}
