package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.everit.json.schema.Schema;
import org.everit.json.schema.ValidationException;
import org.everit.json.schema.loader.SchemaLoader;
import org.json.JSONArray;
import org.json.JSONObject;

import java.util.Comparator;
import java.util.List;

/** validates json against a draft-07 schema and reports every violation with its pointer. */
public final class SchemaValidator {

    private final Schema schema;

    public SchemaValidator(JsonNode schemaJson) {
        this.schema = SchemaLoader.builder()
                .draftV7Support()
                .schemaJson(new JSONObject(Json.write(schemaJson)))
                .build()
                .load()
                .build();
    }

    public List<PlanError> validate(JsonNode value) {
        Object json = value.isObject() ? new JSONObject(Json.write(value))
                : value.isArray() ? new JSONArray(Json.write(value))
                : JSONObject.wrap(Json.mapper().convertValue(value, Object.class));
        try {
            schema.validate(json == null ? JSONObject.NULL : json);
            return List.of();
        } catch (ValidationException e) {
            return SchemaMessages.flatten(e).stream()
                    .distinct()
                    .sorted(Comparator.comparing(PlanError::pointer, SchemaValidator::comparePointers)
                            .thenComparing(PlanError::message))
                    .toList();
        }
    }

    /** document order: numeric segments compare as numbers, so /actions/10 follows /actions/9. */
    static int comparePointers(String a, String b) {
        String[] x = a.split("/");
        String[] y = b.split("/");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c;
            if (x[i].matches("\\d+") && y[i].matches("\\d+")) {
                c = Long.compare(Long.parseLong(x[i]), Long.parseLong(y[i]));
            } else {
                c = x[i].compareTo(y[i]);
            }
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }
}
