package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.regex.RegularExpression;
import com.networknt.schema.regex.RegularExpressionFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * a quick answer to "does this schema surely accept this value?" for the draft-07 keywords the
 * plan schema uses (decision 0030). it answers yes only where it is certain to agree with the full
 * validator; whatever it cannot settle exactly (a number written with a fraction against
 * {@code integer}, a number in an {@code enum}, an unknown keyword) is left to the full validator,
 * which also words every error. so a valid plan is checked once, cheaply, and a bad one gets
 * exactly the messages and pointers it got before.
 */
final class QuickCheck {

    /** the three answers: VALID and INVALID are certain, UNSURE asks the full validator. */
    enum Answer {
        VALID, INVALID, UNSURE;

        Answer and(Answer other) {
            return this == INVALID || other == INVALID ? INVALID : this == UNSURE || other == UNSURE ? UNSURE : VALID;
        }
    }

    /** one compiled (sub)schema. */
    @FunctionalInterface
    interface Check {
        Answer check(JsonNode value);
    }

    /** a keyword the quick check does not know: the schema is then always checked in full. */
    static final class Unsupported extends RuntimeException {
        Unsupported(String what) {
            super(what, null, false, false);
        }
    }

    // words that only describe; they never make a value invalid
    private static final Set<String> NOTES = Set.of("description", "title", "$schema", "$id", "$comment", "default",
            "examples", "definitions");

    private final RegularExpressionFactory regex;
    private final Map<String, Check> definitions = new HashMap<>();
    private final Check check;

    private QuickCheck(JsonNode root, RegularExpressionFactory regex) {
        this.regex = regex;
        root.path("definitions").fields().forEachRemaining(d -> definitions.put(d.getKey(), null));
        for (String name : List.copyOf(definitions.keySet())) {
            definitions.put(name, compile(root.path("definitions").path(name), false));
        }
        this.check = compile(root, true);
    }

    /** a quick check of {@code schema}, or empty when it uses a keyword this class does not know. */
    static Optional<QuickCheck> of(JsonNode schema, RegularExpressionFactory regex) {
        try {
            return Optional.of(new QuickCheck(schema, regex));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** true only when the full validator would find nothing wrong with {@code value}. */
    boolean surelyValid(JsonNode value) {
        return check.check(value) == Answer.VALID;
    }

    private Check compile(JsonNode schema, boolean isRoot) {
        if (schema.isBoolean()) {
            Answer a = schema.booleanValue() ? Answer.VALID : Answer.INVALID;
            return v -> a;
        }
        if (!schema.isObject()) {
            throw new Unsupported("a schema that is neither an object nor a boolean");
        }
        if (schema.has("$ref")) {
            return ref(schema);
        }
        List<Check> checks = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode arg = e.getValue();
            if (NOTES.contains(key)) {
                if (!isRoot && (key.equals("$id") || key.equals("definitions"))) {
                    throw new Unsupported("a nested " + key);
                }
                continue;
            }
            Check c = switch (key) {
                case "type" -> QuickKeywords.type(arg);
                case "enum" -> QuickKeywords.oneOfValues(arg);
                case "pattern" -> pattern(arg);
                case "minLength" -> QuickKeywords.length(arg, true);
                case "maxLength" -> QuickKeywords.length(arg, false);
                case "minimum" -> QuickKeywords.bound(arg, true);
                case "maximum" -> QuickKeywords.bound(arg, false);
                case "minItems" -> QuickKeywords.count(arg, true, true);
                case "maxItems" -> QuickKeywords.count(arg, false, true);
                case "minProperties" -> QuickKeywords.count(arg, true, false);
                case "maxProperties" -> QuickKeywords.count(arg, false, false);
                case "required" -> QuickKeywords.required(arg);
                case "properties", "additionalProperties" -> null; // together, below
                case "propertyNames" -> names(compile(arg, false));
                case "items" -> items(schema);
                case "additionalItems" -> null; // with items
                case "if" -> conditional(schema);
                case "then", "else" -> null; // with if
                case "allOf" -> all(arg);
                case "not" -> not(compile(arg, false));
                default -> throw new Unsupported("keyword " + key);
            };
            if (c != null) {
                checks.add(c);
            }
        }
        if (schema.has("properties") || schema.has("additionalProperties")) {
            checks.add(properties(schema));
        }
        Check[] all = checks.toArray(Check[]::new);
        return v -> {
            Answer a = Answer.VALID;
            for (Check c : all) {
                a = a.and(c.check(v));
                if (a == Answer.INVALID) {
                    return a;
                }
            }
            return a;
        };
    }

    private Check ref(JsonNode schema) {
        // draft-07 ignores a $ref's siblings; a schema relying on them is left to the full validator
        for (Iterator<String> it = schema.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("$ref") && !NOTES.contains(key)) {
                throw new Unsupported("a sibling of $ref");
            }
        }
        String ref = schema.path("$ref").asText();
        if (!ref.startsWith("#/definitions/") || !definitions.containsKey(ref.substring("#/definitions/".length()))) {
            throw new Unsupported("$ref " + ref);
        }
        String name = ref.substring("#/definitions/".length());
        // looked up when used: a definition may refer to itself or to one compiled after it
        return v -> definitions.get(name).check(v);
    }

    private Check pattern(JsonNode arg) {
        if (!arg.isTextual()) {
            throw new Unsupported("a pattern that is not a string");
        }
        // the full validator's own regular expressions, so both read a pattern the same way
        RegularExpression re = regex.getRegularExpression(arg.textValue());
        return v -> !v.isTextual() ? Answer.VALID : re.matches(v.textValue()) ? Answer.VALID : Answer.INVALID;
    }

    private Check properties(JsonNode schema) {
        Map<String, Check> props = new HashMap<>();
        schema.path("properties").fields().forEachRemaining(p -> props.put(p.getKey(), compile(p.getValue(), false)));
        JsonNode extra = schema.get("additionalProperties");
        Check others = extra == null ? null : compile(extra, false);
        return v -> {
            if (!v.isObject()) {
                return Answer.VALID;
            }
            Answer a = Answer.VALID;
            for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext() && a != Answer.INVALID; ) {
                Map.Entry<String, JsonNode> f = it.next();
                Check c = props.get(f.getKey());
                if (c == null) {
                    c = others;
                }
                if (c != null) {
                    a = a.and(c.check(f.getValue()));
                }
            }
            return a;
        };
    }

    private static Check names(Check name) {
        return v -> {
            if (!v.isObject()) {
                return Answer.VALID;
            }
            Answer a = Answer.VALID;
            for (Iterator<String> it = v.fieldNames(); it.hasNext() && a != Answer.INVALID; ) {
                a = a.and(name.check(TextNode.valueOf(it.next())));
            }
            return a;
        };
    }

    private Check items(JsonNode schema) {
        JsonNode items = schema.get("items");
        if (items.isArray()) {
            List<Check> tuple = new ArrayList<>();
            items.forEach(i -> tuple.add(compile(i, false)));
            JsonNode extra = schema.get("additionalItems");
            Check rest = extra == null ? v -> Answer.VALID : compile(extra, false);
            return v -> {
                Answer a = Answer.VALID;
                for (int i = 0; v.isArray() && i < v.size() && a != Answer.INVALID; i++) {
                    a = a.and((i < tuple.size() ? tuple.get(i) : rest).check(v.get(i)));
                }
                return a;
            };
        }
        Check each = compile(items, false);
        return v -> {
            Answer a = Answer.VALID;
            for (int i = 0; v.isArray() && i < v.size() && a != Answer.INVALID; i++) {
                a = a.and(each.check(v.get(i)));
            }
            return a;
        };
    }

    private Check conditional(JsonNode schema) {
        Check cond = compile(schema.get("if"), false);
        Check then = schema.has("then") ? compile(schema.get("then"), false) : v -> Answer.VALID;
        Check otherwise = schema.has("else") ? compile(schema.get("else"), false) : v -> Answer.VALID;
        return v -> switch (cond.check(v)) {
            case VALID -> then.check(v);
            case INVALID -> otherwise.check(v);
            case UNSURE -> Answer.UNSURE;
        };
    }

    private Check all(JsonNode arg) {
        if (!arg.isArray()) {
            throw new Unsupported("allOf that is not a list");
        }
        List<Check> parts = new ArrayList<>();
        arg.forEach(s -> parts.add(compile(s, false)));
        Check[] all = parts.toArray(Check[]::new);
        return v -> {
            Answer a = Answer.VALID;
            for (int i = 0; i < all.length && a != Answer.INVALID; i++) {
                a = a.and(all[i].check(v));
            }
            return a;
        };
    }

    private static Check not(Check inner) {
        return v -> switch (inner.check(v)) {
            case VALID -> Answer.INVALID;
            case INVALID -> Answer.VALID;
            case UNSURE -> Answer.UNSURE;
        };
    }
}
