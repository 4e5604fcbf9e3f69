package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** turns an answer written against the {@link StrictSchema} back into the engine's shape. */
final class StrictAnswer {

    private StrictAnswer() {
    }

    /**
     * @param mapFields per action type, the fields that travel as {name, value} entry lists
     */
    static JsonNode normalize(JsonNode answer, Map<String, Set<String>> mapFields) {
        if (!answer.isObject()) {
            return answer;
        }
        ObjectNode plan = answer.deepCopy();
        stripNulls(plan);
        dropBlankSteps(plan);
        for (String list : List.of("steps", "actions")) {
            if (plan.path(list).isArray() && plan.path(list).isEmpty()) {
                plan.remove(list);
            }
        }
        for (JsonNode action : plan.path("actions")) {
            if (action.isObject()) {
                for (String field : mapFields.getOrDefault(action.path("type").asText(), Set.of())) {
                    toMap((ObjectNode) action, field);
                }
            }
        }
        return plan;
    }

    /** a blank step says nothing and shows as an empty numbered line. */
    private static void dropBlankSteps(ObjectNode plan) {
        if (plan.path("steps").isArray()) {
            ArrayNode kept = plan.arrayNode();
            plan.get("steps").forEach(s -> {
                if (!s.isTextual() || !s.asText().isBlank()) {
                    kept.add(s);
                }
            });
            plan.set("steps", kept);
        }
    }

    private static void stripNulls(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> nulls = new ArrayList<>();
            object.properties().forEach(f -> {
                if (f.getValue().isNull()) {
                    nulls.add(f.getKey());
                } else {
                    stripNulls(f.getValue());
                }
            });
            object.remove(nulls);
        } else if (node.isArray()) {
            node.forEach(StrictAnswer::stripNulls);
        }
    }

    /** entries back into an object; left as they are when they are not well-formed entries. */
    private static void toMap(ObjectNode action, String field) {
        JsonNode list = action.get(field);
        if (list == null || !list.isArray()) {
            return;
        }
        ObjectNode map = JsonNodeFactory.instance.objectNode();
        for (JsonNode e : list) {
            if (!e.isObject() || !e.path("name").isTextual() || !e.has("value")) {
                return;
            }
            map.set(e.get("name").asText(), e.get("value"));
        }
        action.set(field, map);
    }
}
