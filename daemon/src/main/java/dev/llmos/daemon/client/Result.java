package dev.llmos.daemon.client;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;

import java.util.List;

/** what each method answers, as records; serialized in snake_case as the result member. */
public sealed interface Result {

    /** actions.list */
    record Actions(List<ActionInfo> actions) implements Result {
    }

    record ActionInfo(String type, String summary, String effect, boolean canDryRun, boolean canUndo, JsonNode schema) {
    }

    /**
     * plan.submit of an action plan.
     *
     * @param digest of the plan and its decisions: what an approval is bound to
     * @param status decided or denied
     * @param confirm ids of the actions that need a person's approval
     */
    record Decided(String planId, String planDigest, String digest, String policyDigest, String status, List<String> confirm,
                   List<ActionReport> actions) implements Result {
    }

    /** plan.submit of a planonly plan: its outcome, nothing held. */
    record PlanOnly(@JsonUnwrapped RunOutcome outcome) implements Result {
    }

    /** plan.approve */
    record Approved(String approval, String expiresAt, List<String> approved) implements Result {
    }

    /** plan.execute and plan.preview: the run's outcome, as llmsh run --json prints it, and the plan id. */
    record Ran(String planId, @JsonUnwrapped RunOutcome outcome) implements Result {
    }

    /**
     * plan.cancel
     *
     * @param state what the plan is now: cancelling (its step is being stopped), or cancelled (it had not started)
     */
    record Cancelled(String planId, String state) implements Result {
    }

    /** plan.status */
    record Status(List<PlanState> plans, List<Interrupted> interrupted) implements Result {
    }

    /** @param state decided, running, cancelling, or how it ended (completed, failed, cancelled, ...) */
    record PlanState(String planId, String goal, String user, String state, String created) {
    }

    /**
     * a plan the journal shows unfinished: the daemon stopped (a crash, kill -9) in the middle of it.
     *
     * @param step the step that was running (or last finished), -1 if none
     * @param finished actions that completed, in order
     * @param recovery the recovery steps policy attached, as shown to the person
     */
    record Interrupted(String planId, String goal, String user, int uid, String state, String status, int step,
                       String action, List<String> finished, JsonNode recovery, String updated) {
    }

    /** plan.recover: what the recovery of an interrupted plan did, step by step. */
    record Recovered(String planId, List<RecoveryReport> recovery) implements Result {
    }

    /** policy.reload */
    record Reloaded(String policyDigest) implements Result {
    }

    /** audit.tail */
    record Tail(List<JsonNode> entries) implements Result {
    }
}
