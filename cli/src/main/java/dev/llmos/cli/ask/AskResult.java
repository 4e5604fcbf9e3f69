package dev.llmos.cli.ask;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.llm.Mode;

import java.util.List;
import java.util.Locale;

/**
 * how one request ended, with every run it led to.
 *
 * @param answer the model's last planonly plan (its answer, summary or question), or null
 * @param error why the model could not go on, or null
 * @param errorKind what kind of failure the error is ({@code context_overflow}, {@code server_gone},
 *                  {@code invalid_plan}, ...), or null
 */
record AskResult(String prompt, Mode mode, Ending ending, List<RunOutcome> runs, Plan answer, String error, String errorKind) {

    /** why the loop stopped. */
    enum Ending {
        /** the model gave its final answer (or, for {@code llmsh plan}, its plan). */
        ANSWERED,
        /** the step limit was reached and the model summed up. */
        LIMIT_REACHED,
        /** a person refused a step: the request is over, the model is not asked again. */
        NOT_APPROVED,
        /** policy denied a second plan after the first denial went back to the model. */
        DENIED,
        /** the model could not be asked, or gave no valid plan. */
        MODEL_FAILED;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    AskResult {
        runs = List.copyOf(runs);
    }

    /** as {@code run}: 1 if anything was denied, not approved or failed, or the model failed; else 0. */
    int exitCode() {
        if (ending == Ending.MODEL_FAILED) {
            return ExitCodes.FAILED;
        }
        return runs.stream().mapToInt(r -> ExitCodes.of(r.status())).max().orElse(ExitCodes.OK);
    }

    /** the whole request for {@code --json}: snake_case, absent values left out, every run as {@code run --json} prints it. */
    ObjectNode json() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("prompt", prompt);
        node.put("mode", mode.name().toLowerCase(Locale.ROOT));
        node.put("status", ending.wire());
        ArrayNode list = node.putArray("runs");
        runs.forEach(r -> list.add(Json.tree(r)));
        if (answer != null) {
            ObjectNode a = node.putObject("answer");
            a.put("goal", answer.goal());
            answer.steps().forEach(a.putArray("steps")::add);
        }
        if (error != null) {
            node.put("error", error);
        }
        if (errorKind != null) {
            node.put("error_kind", errorKind);
        }
        return node;
    }
}
