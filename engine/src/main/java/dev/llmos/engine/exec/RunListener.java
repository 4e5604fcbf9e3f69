package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.RecoveryStep;

/**
 * hears each step of an execution as it happens; the daemon's write-ahead journal and the audit
 * trail are two. calls come on the executing thread, before the step starts and after it ends, so
 * a listener that fsyncs makes the step durable before anything else happens. a listener that
 * throws from {@link #starting} or {@link #recovering} stops that step from running (fail closed).
 */
public interface RunListener {

    RunListener NONE = new RunListener() {
    };

    default void starting(int step, PlannedAction action) {
    }

    /** @param undo what the handler needs to undo the step, or null */
    default void finished(int step, PlannedAction action, ActionResult result, JsonNode undo) {
    }

    /** an automatic recovery step is about to run. */
    default void recovering(String forAction, RecoveryStep step) {
    }

    default void recovered(RecoveryReport report) {
    }

    /** both listeners, {@code first} first at every call; a throw from {@code first} skips {@code second}. */
    static RunListener both(RunListener first, RunListener second) {
        return new RunListener() {
            @Override
            public void starting(int step, PlannedAction action) {
                first.starting(step, action);
                second.starting(step, action);
            }

            @Override
            public void finished(int step, PlannedAction action, ActionResult result, JsonNode undo) {
                first.finished(step, action, result, undo);
                second.finished(step, action, result, undo);
            }

            @Override
            public void recovering(String forAction, RecoveryStep step) {
                first.recovering(forAction, step);
                second.recovering(forAction, step);
            }

            @Override
            public void recovered(RecoveryReport report) {
                first.recovered(report);
                second.recovered(report);
            }
        };
    }
}
