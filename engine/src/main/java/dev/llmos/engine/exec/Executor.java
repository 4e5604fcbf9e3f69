package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.spi.Catalog;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * runs a decided plan in order: preconditions right before each action, stop at the first failure,
 * then undo what ran (automatic recovery steps, newest first) and offer the rest.
 */
final class Executor {

    private final ActionRegistry registry;
    private final PlanParser parser;
    private final Path stateDir;
    private final Limits limits;
    private final UnaryOperator<DecidedPlan> redecide;
    private final List<Path> protectedPaths;
    private final Catalog catalog;

    /**
     * @param redecide decides a plan again, as it would be decided now
     * @param protectedPaths with {@code catalog}, reaches every handler: confined programs never
     *                       write the one nor read the other's secrets
     */
    Executor(ActionRegistry registry, PlanParser parser, Path stateDir, Limits limits, UnaryOperator<DecidedPlan> redecide,
             List<Path> protectedPaths, Catalog catalog) {
        this.registry = registry;
        this.parser = parser;
        this.stateDir = stateDir;
        this.limits = limits;
        this.redecide = redecide;
        this.protectedPaths = List.copyOf(protectedPaths);
        this.catalog = catalog;
    }

    /** a step that ran, kept so it can be undone if a later one fails. */
    private record Done(PlannedAction action, Decision decision, ActionOutcome outcome) {
    }

    Result execute(DecidedPlan shown, Set<String> approved, RunListener listener, Cancellation cancellation) {
        return execute(shown, approved, listener, cancellation, null);
    }

    /**
     * @param decidedNow the plan decided again by the caller right before this call, with nothing run
     *                   since (the daemon's decision at execute), or null: it stands for the first step's
     *                   own decision right before it runs, which would be the same decision made again
     */
    Result execute(DecidedPlan shown, Set<String> approved, RunListener listener, Cancellation cancellation,
                   DecidedPlan decidedNow) {
        DecidedPlan unused = decidedNow;
        // the latest decision: each step runs on what was decided right before it
        DecidedPlan decided = shown;
        List<ActionReport> reports = new ArrayList<>();
        List<Done> done = new ArrayList<>();
        RunStatus status = RunStatus.COMPLETED;
        String stopped = null;
        List<RecoveryReport> recovery = new ArrayList<>();
        int step = -1;
        for (PlannedAction action : decided.plan().actions()) {
            step++;
            Decision decision = shown.decision(action.id());
            if (stopped != null) {
                reports.add(report(action, decision, ActionResult.of(ActionStatus.SKIPPED, "not run: " + stopped + " stopped the plan")));
                continue;
            }
            if (cancellation.isCancelled()) {
                // cancelled between steps (ctrl-c, plan.cancel, sigterm): nothing more starts, what ran is undone
                reports.add(report(action, decision, ActionResult.of(ActionStatus.CANCELLED, "not started: the plan was cancelled")));
                status = RunStatus.CANCELLED;
                stopped = action.id();
                recovery.addAll(recover(decided, done, action, null, listener));
                continue;
            }
            if (decision.verdict() == Verdict.DENY) {
                // the pipeline never executes a plan with a deny; this guards against misuse
                throw new IllegalStateException("refusing to execute denied action " + action.id());
            }
            if (decision.verdict() == Verdict.CONFIRM && !approved.contains(action.id())) {
                reports.add(report(action, decision, ActionResult.of(ActionStatus.NOT_APPROVED, "not approved")));
                status = RunStatus.NOT_APPROVED;
                stopped = action.id();
                continue;
            }
            // decide again right before the step: earlier steps (or anyone) may have changed the host
            DecidedPlan now;
            List<String> refused;
            try {
                now = unused != null ? unused : redecide.apply(shown);
                unused = null;
                refused = Recheck.refusals(shown, now, action.id(), approved.contains(action.id()));
            } catch (RuntimeException e) {
                now = decided;
                refused = List.of("cannot decide it again right before it runs: " + e.getMessage());
            }
            if (!refused.isEmpty()) {
                Decision current = now.decision(action.id()) != null ? now.decision(action.id()) : decision;
                reports.add(report(action, current, ActionResult.of(ActionStatus.DENIED,
                        "refused right before it ran: " + String.join("; ", refused))));
                status = RunStatus.FAILED;
                stopped = action.id();
                recovery.addAll(recover(decided, done, action, decision, listener));
                continue;
            }
            decided = now;
            decision = now.decision(action.id());
            List<ActionResult.CheckedPrecondition> checks = new ArrayList<>();
            boolean preconditionsHold = true;
            for (Precondition p : decision.preconditions()) {
                Precondition.Check check = p.check();
                checks.add(ActionResult.CheckedPrecondition.of(p, check));
                preconditionsHold &= check.ok();
            }
            if (!preconditionsHold) {
                String failed = checks.stream().filter(c -> !c.ok()).map(c -> c.precondition() + ": " + c.detail())
                        .reduce((a, b) -> a + "; " + b).orElse("");
                reports.add(report(action, decision, new ActionResult(ActionStatus.PRECONDITION_FAILED, null, null,
                        null, null, List.of(), null, "precondition failed: " + failed, checks, null)));
                status = RunStatus.FAILED;
                stopped = action.id();
                recovery.addAll(recover(decided, done, action, decision, listener));
                continue;
            }
            try {
                listener.starting(step, action);
            } catch (RuntimeException e) {
                // fail closed: a step whose start cannot be recorded does not start, nor does anything after it
                reports.add(report(action, decision, ActionResult.of(ActionStatus.FAILED, "not started: " + e.getMessage())));
                status = RunStatus.FAILED;
                stopped = action.id();
                recovery.addAll(recover(decided, done, action, decision, listener));
                continue;
            }
            long start = System.nanoTime();
            // a cancel interrupts the handler: it stops its step (exec kills its process group) and returns
            DecidedPlan current = decided;
            ActionOutcome outcome = cancellation.during(() -> run(action, current));
            boolean cancelled = cancellation.isCancelled();
            long millis = (System.nanoTime() - start) / 1_000_000;
            ActionResult result = new ActionResult(outcome.ok() ? ActionStatus.OK : cancelled ? ActionStatus.CANCELLED : ActionStatus.FAILED,
                    outcome.exitCode(), millis, outcome.stdout(), outcome.stderr(), outcome.changes(), outcome.data(),
                    outcome.error(), checks, null);
            boolean recorded = true;
            try {
                listener.finished(step, action, result, outcome.undo());
            } catch (RuntimeException e) {
                // it ran, but its end is not on record: nothing more runs unrecorded after it
                recorded = false;
                result = new ActionResult(ActionStatus.FAILED, result.exitCode(), millis, result.stdout(), result.stderr(),
                        result.changes(), result.data(), "ran, but its end could not be recorded: " + e.getMessage(), checks, null);
            }
            reports.add(report(action, decision, result));
            if (outcome.ok() && recorded) {
                done.add(new Done(action, decision, outcome));
            }
            if (cancelled) {
                status = RunStatus.CANCELLED;
                stopped = action.id();
                recovery.addAll(recover(decided, done, action, outcome.ok() ? null : decision, listener));
            } else if (!outcome.ok()) {
                status = RunStatus.FAILED;
                stopped = action.id();
                recovery.addAll(recover(decided, done, action, decision, listener));
            }
        }
        return new Result(status, stopped, reports, recovery);
    }

    record Result(RunStatus status, String stoppedAt, List<ActionReport> reports, List<RecoveryReport> recovery) {
    }

    /**
     * the recovery of a run that was cut off (the daemon died): undoes the steps that finished, newest
     * first, from the undo data their handlers left in the journal, as a failure after them would have.
     *
     * @param finished action id to its undo data (null when it left none), in the order they ran
     */
    List<RecoveryReport> recoverFinished(DecidedPlan decided, java.util.LinkedHashMap<String, JsonNode> finished, RunListener listener) {
        List<Done> done = new ArrayList<>();
        for (var f : finished.entrySet()) {
            PlannedAction action = decided.plan().actions().stream().filter(a -> a.id().equals(f.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("the journal names " + f.getKey() + ", which the plan does not have"));
            done.add(new Done(action, decided.decision(action.id()), ActionOutcome.success(List.of(), null, f.getValue())));
        }
        return recover(decided, done, null, null, listener);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ActionOutcome run(PlannedAction action, DecidedPlan decided) {
        ActionHandler handler = registry.handler(action.type()).orElseThrow();
        try {
            return handler.execute(action.params(), context(decided, action.id()));
        } catch (RuntimeException e) {
            return ActionOutcome.failure(action.type() + " failed unexpectedly: " + e);
        }
    }

    /** undoes completed actions, newest first, then the failed action's own follow-up steps (none when null). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<RecoveryReport> recover(DecidedPlan decided, List<Done> done, PlannedAction failed, Decision failedDecision,
                                         RunListener listener) {
        List<RecoveryReport> out = new ArrayList<>();
        for (int i = done.size() - 1; i >= 0; i--) {
            Done d = done.get(i);
            for (RecoveryStep step : d.decision().recovery()) {
                if (!step.automatic()) {
                    out.add(new RecoveryReport(d.action().id(), step, "offered", step.describe()));
                    continue;
                }
                ActionOutcome result;
                try {
                    listener.recovering(d.action().id(), step);
                } catch (RuntimeException e) {
                    out.add(new RecoveryReport(d.action().id(), step, "not run", "not started: " + e.getMessage()));
                    continue;
                }
                try {
                    result = switch (step) {
                        case RecoveryStep.Undo u -> {
                            ActionHandler handler = registry.handler(d.action().type()).orElseThrow();
                            // as the action ran: its scope, its requester
                            yield handler.undo(d.action().params(), d.outcome().undo(),
                                    context(decided, d.action().id(), d.decision()));
                        }
                        case RecoveryStep.RunAction r -> runRecoveryAction(r.action(), decided, d.action().id());
                    };
                } catch (RuntimeException e) {
                    result = ActionOutcome.failure(e.toString());
                }
                out.add(new RecoveryReport(d.action().id(), step, result.ok() ? "ran" : "failed",
                        result.ok() ? describe(result) : result.error()));
                recovered(listener, out.get(out.size() - 1));
            }
        }
        for (RecoveryStep step : failedDecision == null ? List.<RecoveryStep>of() : failedDecision.recovery()) {
            if (step instanceof RecoveryStep.RunAction r && r.automatic()) {
                try {
                    listener.recovering(failed.id(), step);
                } catch (RuntimeException e) {
                    out.add(new RecoveryReport(failed.id(), step, "not run", "not started: " + e.getMessage()));
                    continue;
                }
                ActionOutcome result = runRecoveryAction(r.action(), decided, failed.id());
                out.add(new RecoveryReport(failed.id(), step, result.ok() ? "ran" : "failed",
                        result.ok() ? describe(result) : result.error()));
                recovered(listener, out.get(out.size() - 1));
            } else if (step instanceof RecoveryStep.RunAction) {
                out.add(new RecoveryReport(failed.id(), step, "offered", step.describe()));
            }
        }
        return out;
    }

    /** the report reaches the listener if it can; one that cannot record it does not stop the others. */
    private static void recovered(RunListener listener, RecoveryReport report) {
        try {
            listener.recovered(report);
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(Executor.class).warn("recovery of {} not recorded: {}", report.forAction(), e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ActionOutcome runRecoveryAction(JsonNode action, DecidedPlan decided, String forAction) {
        String type = action.path("type").asText();
        ActionHandler handler = registry.handler(type).orElse(null);
        if (handler == null) {
            return ActionOutcome.failure("recovery names unknown action type " + type);
        }
        // policy wrote it, but it is still checked against the same schema as any planned action
        com.fasterxml.jackson.databind.node.ObjectNode wrapped = dev.llmos.engine.json.Json.mapper().createObjectNode();
        wrapped.put("version", 1).put("mode", "actionplan").put("goal", "recovery for " + forAction);
        com.fasterxml.jackson.databind.node.ObjectNode copy = ((com.fasterxml.jackson.databind.node.ObjectNode) action).deepCopy();
        copy.put("id", forAction + ".recovery");
        copy.put("reason", "recovery for " + forAction);
        wrapped.putArray("actions").add(copy);
        try {
            Record params = parser.parse(wrapped).actions().get(0).params();
            return handler.execute(params, context(decided, forAction + ".recovery"));
        } catch (dev.llmos.engine.schema.PlanValidationException e) {
            return ActionOutcome.failure("recovery action is invalid: " + e.errors());
        }
    }

    private static String describe(ActionOutcome outcome) {
        if (!outcome.changes().isEmpty()) {
            return outcome.changes().stream().map(c -> c.kind() + " " + c.path()).reduce((a, b) -> a + ", " + b).orElse("");
        }
        return outcome.exitCode() == null ? "done" : "exit " + outcome.exitCode();
    }

    private ExecContext context(DecidedPlan decided, String actionId) {
        return context(decided, actionId, decided.decision(actionId));
    }

    private ExecContext context(DecidedPlan decided, String actionId, Decision d) {
        return new ExecContext(stateDir, decided.plan().digest(), actionId, decided.requester(), limits,
                d == null ? null : d.confine(), d == null ? null : d.scope(), decided.paths(actionId), protectedPaths, catalog);
    }

    private static ActionReport report(PlannedAction action, Decision decision, ActionResult result) {
        return new ActionReport(action.id(), action.type(), action.header().reason(), action.header().danger(), decision, result);
    }
}
