package dev.llmos.engine.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * checks a plan against the generated plan schema ({@link PlanSchema}) as its if/then shape
 * means, with the branch an action takes picked by its type here: the schema's {@code allOf}
 * holds one {@code if type == kind then kind} per action kind, and a validator that tries every
 * {@code if} on every action spends most of its time finding the one that applies (decision
 * 0025). the plan without the branches is checked as a whole, then each action whose type names
 * a kind against that kind's schema, its errors placed at the action's pointer: the same errors
 * the whole schema gives.
 */
public final class PlanValidator {

    private final SchemaValidator envelope;
    private final Map<String, SchemaValidator> kinds = new HashMap<>();

    public PlanValidator(ObjectNode planSchema) {
        ObjectNode envelopeSchema = planSchema.deepCopy();
        ObjectNode action = (ObjectNode) envelopeSchema.path("definitions").path("action");
        JsonNode branches = action.remove("allOf");
        this.envelope = new SchemaValidator(envelopeSchema);
        for (JsonNode branch : branches == null ? List.<JsonNode>of() : branches) {
            String kind = branch.path("if").path("properties").path("type").path("enum").path(0).asText();
            ObjectNode kindSchema = ((ObjectNode) planSchema.path("definitions").path(kind)).deepCopy();
            kindSchema.put("$schema", planSchema.path("$schema").asText());
            kinds.put(kind, new SchemaValidator(kindSchema));
        }
    }

    public List<PlanError> validate(JsonNode plan) {
        List<PlanError> errors = new ArrayList<>(envelope.validate(plan));
        JsonNode actions = plan == null ? null : plan.path("actions");
        if (plan != null && plan.isObject() && actions.isArray()) {
            for (int i = 0; i < actions.size(); i++) {
                JsonNode type = actions.get(i).path("type");
                // the branch's if: an object whose type is exactly this kind's name
                SchemaValidator kind = actions.get(i).isObject() && type.isTextual() ? kinds.get(type.asText()) : null;
                if (kind != null) {
                    errors.addAll(kind.validate(actions.get(i), "/actions/" + i));
                }
            }
        }
        return SchemaValidator.inOrder(errors);
    }
}
