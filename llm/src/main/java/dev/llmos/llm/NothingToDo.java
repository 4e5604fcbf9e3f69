package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * an actionplan without actions. the engine refuses one (an actionplan must act), but from a model it
 * means "there is nothing to do": at temperature 0 it says so again on every repair round, so treating
 * it as invalid only burns the rounds and fails a request that had an answer. it becomes a planonly
 * final answer with the same goal and steps, and nothing runs.
 */
final class NothingToDo {

    static final String STEP = "nothing to do: the model proposed no actions, so nothing ran";

    private NothingToDo() {
    }

    /** {@code answer} is already normalised: empty lists and nulls removed. */
    static boolean applies(JsonNode answer) {
        return answer.isObject() && "actionplan".equals(answer.path("mode").asText()) && answer.path("actions").isMissingNode();
    }

    static ObjectNode answer(ObjectNode plan) {
        ObjectNode out = plan.deepCopy();
        out.put("mode", "planonly");
        if (!out.path("steps").isArray() || out.path("steps").isEmpty()) {
            out.putArray("steps").add(STEP);
        }
        return out;
    }
}
