package dev.llmos.engine.policy;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * a way back after a failure. automatic steps run when a later action fails; the others are
 * offered to the person with the failure.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
        @JsonSubTypes.Type(value = RecoveryStep.Undo.class, name = "undo"),
        @JsonSubTypes.Type(value = RecoveryStep.RunAction.class, name = "run_action")
})
public sealed interface RecoveryStep permits RecoveryStep.Undo, RecoveryStep.RunAction {

    boolean automatic();

    String describe();

    /** the handler's own undo: restore a file's backup, and the like. */
    record Undo(boolean automatic) implements RecoveryStep {
        @Override
        public String describe() {
            return "undo (restore what the action changed)";
        }
    }

    /**
     * run another action, as the rule wrote it: {@code {"type": "exec", "argv": [...]}}.
     * it is policy's own text, so it is trusted as policy is, but still schema-checked.
     */
    record RunAction(JsonNode action, boolean automatic) implements RecoveryStep {
        @Override
        public String describe() {
            return "run " + action.toString();
        }
    }
}
