package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Output;
import dev.llmos.engine.spi.Preview;

import java.util.List;

/**
 * what happened to one action.
 *
 * @param checks the preconditions as checked right before the action, with what was found
 * @param preview for a dry run, what would happen
 */
public record ActionResult(
        ActionStatus status,
        Integer exitCode,
        Long durationMs,
        Output stdout,
        Output stderr,
        List<Change> changes,
        JsonNode data,
        String error,
        List<CheckedPrecondition> checks,
        Preview preview) {

    public ActionResult {
        changes = changes == null ? List.of() : List.copyOf(changes);
        checks = checks == null ? List.of() : List.copyOf(checks);
    }

    public static ActionResult of(ActionStatus status, String error) {
        return new ActionResult(status, null, null, null, null, List.of(), null, error, List.of(), null);
    }

    /** a precondition and what checking it found. */
    public record CheckedPrecondition(String kind, String precondition, boolean ok, String detail) {
        static CheckedPrecondition of(Precondition p, Precondition.Check check) {
            return new CheckedPrecondition(p.kind(), p.describe(), check.ok(), check.detail());
        }
    }
}
