package dev.llmos.engine.exec;

import java.util.List;

/**
 * the whole result of running a plan; {@code llmsh run --json} prints exactly this.
 *
 * @param failedAction the action that failed or was not approved, or null
 */
public record RunOutcome(
        RunStatus status,
        String goal,
        String mode,
        String planDigest,
        String policyDigest,
        String user,
        List<String> steps,
        List<ActionReport> actions,
        String failedAction,
        List<RecoveryReport> recovery) {

    public RunOutcome {
        steps = List.copyOf(steps);
        actions = List.copyOf(actions);
        recovery = List.copyOf(recovery);
    }
}
