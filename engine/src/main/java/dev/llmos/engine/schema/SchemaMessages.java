package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * turns the validator's errors into flat, plain-worded errors with json pointers. the wording is
 * the one plans and policy suites have been answered with since decision 0003 (tests, the llm's
 * repair prompt and the docs quote it), so each keyword is worded here, not by the library.
 */
final class SchemaMessages {

    private final Function<JsonNode, Schema> part;

    /** @param part a subschema as a schema of its own (property names are checked again through it) */
    SchemaMessages(Function<JsonNode, Schema> part) {
        this.part = part;
    }

    /** @param at the pointer of the checked value inside its document ("" for the document itself) */
    List<PlanError> words(List<Error> errors, String at) {
        List<PlanError> out = new ArrayList<>();
        for (Error e : errors) {
            add(e, at + pointer(e), out);
        }
        return out;
    }

    private void add(Error e, String pointer, List<PlanError> out) {
        JsonNode node = e.getInstanceNode();
        Object[] args = e.getArguments();
        String limit = args == null || args.length == 0 ? "" : String.valueOf(args[0]);
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        switch (keyword) {
            case "required" -> out.add(new PlanError(pointer + "/" + e.getProperty(), "required key is missing"));
            case "additionalProperties" -> out.add(new PlanError(pointer + "/" + e.getProperty(), "unknown key"));
            // one error per type allowed, as the wording always had it
            case "type" -> expected(e).forEach(t -> out.add(new PlanError(pointer, "expected " + t + ", got " + found(node))));
            case "not" -> {
                // the only "not" in our schemas guards names (env variables); the raw message dumps the whole regex
                String last = pointer.substring(pointer.lastIndexOf('/') + 1);
                out.add(new PlanError(pointer, "\"" + last + "\" is not allowed here"));
            }
            case "enum" -> out.add(pointer.matches("/actions/\\d+/type")
                    ? new PlanError(pointer, "unknown action type " + text(node))
                    : new PlanError(pointer, text(node) + " is not a valid enum value"));
            case "pattern" -> out.add(new PlanError(pointer, "string [" + node.asText() + "] does not match pattern " + limit));
            case "minLength" -> out.add(new PlanError(pointer, "expected minLength: " + limit + ", actual: " + length(node)));
            case "maxLength" -> out.add(new PlanError(pointer, "expected maxLength: " + limit + ", actual: " + length(node)));
            case "minimum" -> out.add(new PlanError(pointer, text(node) + " is not greater or equal to " + limit));
            case "maximum" -> out.add(new PlanError(pointer, text(node) + " is not less or equal to " + limit));
            case "exclusiveMinimum" -> out.add(new PlanError(pointer, text(node) + " is not greater than " + limit));
            case "exclusiveMaximum" -> out.add(new PlanError(pointer, text(node) + " is not less than " + limit));
            case "minItems" -> out.add(new PlanError(pointer, "expected minimum item count: " + limit + ", found: " + node.size()));
            case "maxItems" -> out.add(new PlanError(pointer, "expected maximum item count: " + limit + ", found: " + node.size()));
            case "minProperties" -> out.add(new PlanError(pointer, "minimum size: [" + limit + "], found: [" + node.size() + "]"));
            case "maxProperties" -> out.add(new PlanError(pointer, "maximum size: [" + limit + "], found: [" + node.size() + "]"));
            case "propertyNames" -> {
                // the library folds the name's own errors into one sentence: check the name again for them
                String name = e.getProperty();
                for (Error inner : part.apply(e.getSchemaNode()).validate(TextNode.valueOf(name))) {
                    add(inner, pointer + "/" + name + pointer(inner), out);
                }
            }
            default -> out.add(new PlanError(pointer, e.getMessage()));
        }
    }

    /** what the schema wanted: the keyword's own value, one type or several. */
    private static List<String> expected(Error e) {
        JsonNode type = e.getSchemaNode();
        List<String> names = new ArrayList<>();
        if (type != null && type.isArray()) {
            type.forEach(t -> names.add(t.asText()));
        } else {
            names.add(type != null && type.isTextual() ? type.asText() : String.valueOf(e.getArguments()[1]));
        }
        return names;
    }

    private static String found(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING, BINARY -> "string";
            case BOOLEAN -> "boolean";
            case NULL, MISSING -> "null";
            case NUMBER -> node.isIntegralNumber() ? "integer" : "number";
            case POJO -> "object";
        };
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : node.toString();
    }

    private static int length(JsonNode node) {
        String s = node.asText();
        return s.codePointCount(0, s.length());
    }

    private static String pointer(Error e) {
        return e.getInstanceLocation() == null ? "" : e.getInstanceLocation().toString();
    }
}
