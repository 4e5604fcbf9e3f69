package dev.llmos.engine.schema;

import org.everit.json.schema.ValidationException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** turns everit's nested exceptions into flat, plain-worded errors with json pointers. */
final class SchemaMessages {

    private static final Pattern TYPE = Pattern.compile("expected type: (\\w+), found: (\\w+)");
    private static final Pattern EXTRA = Pattern.compile("extraneous key \\[(.*)] is not permitted");
    private static final Pattern REQUIRED = Pattern.compile("required key \\[(.*)] not found");
    private static final Map<String, String> TYPES = Map.of(
            "JSONArray", "array", "JSONObject", "object", "String", "string", "Integer", "integer",
            "Boolean", "boolean", "Number", "number", "Null", "null", "BigDecimal", "number",
            "Long", "integer", "Double", "number");

    private SchemaMessages() {
    }

    static List<PlanError> flatten(ValidationException root) {
        List<PlanError> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(ValidationException e, List<PlanError> out) {
        if (!e.getCausingExceptions().isEmpty()) {
            for (ValidationException cause : e.getCausingExceptions()) {
                collect(cause, out);
            }
            return;
        }
        String pointer = pointer(e.getPointerToViolation());
        String message = e.getErrorMessage();
        Matcher m;
        if ((m = EXTRA.matcher(message)).matches()) {
            out.add(new PlanError(pointer + "/" + m.group(1), "unknown key"));
        } else if ((m = REQUIRED.matcher(message)).matches()) {
            out.add(new PlanError(pointer + "/" + m.group(1), "required key is missing"));
        } else if ((m = TYPE.matcher(message)).matches()) {
            out.add(new PlanError(pointer, "expected " + word(m.group(1)) + ", got " + word(m.group(2))));
        } else if ("not".equals(e.getKeyword())) {
            // the only "not" in our schemas guards names (env variables); the raw message dumps the whole regex
            String last = pointer.substring(pointer.lastIndexOf('/') + 1);
            out.add(new PlanError(pointer, "\"" + last + "\" is not allowed here"));
        } else if ("enum".equals(e.getKeyword()) && pointer.matches("/actions/\\d+/type")) {
            out.add(new PlanError(pointer, "unknown action type " + message.replace(" is not a valid enum value", "")));
        } else {
            out.add(new PlanError(pointer, message));
        }
    }

    private static String word(String everitType) {
        return TYPES.getOrDefault(everitType, everitType.toLowerCase(java.util.Locale.ROOT));
    }

    private static String pointer(String everitPointer) {
        if (everitPointer == null || everitPointer.equals("#")) {
            return "";
        }
        return everitPointer.startsWith("#") ? everitPointer.substring(1) : everitPointer;
    }
}
