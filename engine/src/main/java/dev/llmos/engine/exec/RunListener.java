package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.plan.PlannedAction;

/**
 * hears each step of an execution as it happens; the daemon's write-ahead journal is one. calls
 * come on the executing thread, before the step starts and after it ends, so a listener that
 * fsyncs makes the step durable before anything else happens.
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    default void starting(int step, PlannedAction action) {
    }

    /** @param undo what the handler needs to undo the step, or null */
    default void finished(int step, PlannedAction action, ActionResult result, JsonNode undo) {
    }

    default void recovered(RecoveryReport report) {
    }
}
