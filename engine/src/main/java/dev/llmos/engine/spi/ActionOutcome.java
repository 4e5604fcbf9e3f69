package dev.llmos.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * what a handler reports after running an action.
 *
 * @param ok whether the action did what it was asked
 * @param exitCode for processes; null otherwise
 * @param data structured, action-specific result (a file's content, sizes), or null
 * @param undo what the handler needs to undo this later (a backup's path); kept in the journal, or null
 * @param error why it failed, in one line, or null
 */
public record ActionOutcome(
        boolean ok,
        Integer exitCode,
        Output stdout,
        Output stderr,
        List<Change> changes,
        JsonNode data,
        JsonNode undo,
        String error) {

    public ActionOutcome {
        stdout = stdout == null ? Output.EMPTY : stdout;
        stderr = stderr == null ? Output.EMPTY : stderr;
        changes = changes == null ? List.of() : List.copyOf(changes);
    }

    public static ActionOutcome success(List<Change> changes, JsonNode data, JsonNode undo) {
        return new ActionOutcome(true, null, null, null, changes, data, undo, null);
    }

    public static ActionOutcome failure(String error) {
        return new ActionOutcome(false, null, null, null, List.of(), null, null, error);
    }
}
