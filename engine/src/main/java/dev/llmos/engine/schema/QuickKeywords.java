package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.schema.QuickCheck.Answer;
import dev.llmos.engine.schema.QuickCheck.Check;
import dev.llmos.engine.schema.QuickCheck.Unsupported;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** the quick check's keywords that look at one value alone (decision 0030). */
final class QuickKeywords {

    private QuickKeywords() {
    }

    static Check type(JsonNode arg) {
        Set<String> types = new HashSet<>();
        if (arg.isTextual()) {
            types.add(arg.textValue());
        } else if (arg.isArray()) {
            arg.forEach(t -> types.add(t.asText()));
        } else {
            throw new Unsupported("a type that is neither a name nor a list");
        }
        for (String t : types) {
            if (!Set.of("object", "array", "string", "integer", "number", "boolean", "null").contains(t)) {
                throw new Unsupported("type " + t);
            }
        }
        return v -> {
            String t = switch (v.getNodeType()) {
                case OBJECT -> "object";
                case ARRAY -> "array";
                case STRING -> "string";
                case BOOLEAN -> "boolean";
                case NULL -> "null";
                case NUMBER -> v.isIntegralNumber() ? "integer" : "number";
                default -> null;
            };
            if (t == null) {
                return Answer.UNSURE;
            }
            if (types.contains(t) || (t.equals("integer") && types.contains("number"))) {
                return Answer.VALID;
            }
            // 3.0 is an integer to draft-07: the full validator settles fractions written out
            return t.equals("number") && types.contains("integer") ? Answer.UNSURE : Answer.INVALID;
        };
    }

    static Check oneOfValues(JsonNode arg) {
        if (!arg.isArray()) {
            throw new Unsupported("an enum that is not a list");
        }
        Set<JsonNode> values = new HashSet<>();
        arg.forEach(values::add);
        return v -> {
            if (values.contains(v)) {
                return Answer.VALID;
            }
            // numbers compare by value (1 and 1.0), containers may hold numbers: left to the full validator
            return v.isTextual() || v.isBoolean() || v.isNull() ? Answer.INVALID : Answer.UNSURE;
        };
    }

    static Check length(JsonNode arg, boolean min) {
        int n = count(arg);
        return v -> {
            if (!v.isTextual()) {
                return Answer.VALID;
            }
            String s = v.textValue();
            // counted in code points, as the full validator does
            int length = s.codePointCount(0, s.length());
            return (min ? length >= n : length <= n) ? Answer.VALID : Answer.INVALID;
        };
    }

    static Check bound(JsonNode arg, boolean min) {
        if (!arg.isIntegralNumber()) {
            throw new Unsupported("a bound that is not a whole number");
        }
        BigInteger limit = arg.bigIntegerValue();
        return v -> {
            if (!v.isNumber()) {
                return Answer.VALID;
            }
            if (!v.isIntegralNumber()) {
                return Answer.UNSURE;
            }
            int c = v.bigIntegerValue().compareTo(limit);
            return (min ? c >= 0 : c <= 0) ? Answer.VALID : Answer.INVALID;
        };
    }

    static Check count(JsonNode arg, boolean min, boolean array) {
        int n = count(arg);
        return v -> {
            if (array ? !v.isArray() : !v.isObject()) {
                return Answer.VALID;
            }
            return (min ? v.size() >= n : v.size() <= n) ? Answer.VALID : Answer.INVALID;
        };
    }

    static Check required(JsonNode arg) {
        if (!arg.isArray()) {
            throw new Unsupported("required that is not a list");
        }
        List<String> names = new ArrayList<>();
        arg.forEach(n -> names.add(n.asText()));
        String[] all = names.toArray(String[]::new);
        return v -> {
            if (!v.isObject()) {
                return Answer.VALID;
            }
            for (String n : all) {
                if (!v.has(n)) {
                    return Answer.INVALID;
                }
            }
            return Answer.VALID;
        };
    }

    private static int count(JsonNode arg) {
        if (!arg.isIntegralNumber() || !arg.canConvertToInt() || arg.intValue() < 0) {
            throw new Unsupported("a size that is not a whole number");
        }
        return arg.intValue();
    }
}
