package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.PathResolver;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.Decider;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.ProtectedPaths;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Preview;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * validate -> decide -> approve -> precheck -> execute -> recover -> audit. the same pipeline runs
 * embedded in {@code llmsh} and behind the daemon; only the requester and the approver differ.
 */
public final class Pipeline {

    /**
     * @param stateDir where backups (and later journals) live
     * @param protectedRoots paths no plan may modify: policy, config, audit log, state
     * @param cwd what relative plan paths are resolved against
     */
    public record Config(Path stateDir, Limits limits, List<Path> protectedRoots, Path cwd) {
    }

    private final ActionRegistry registry;
    private final PlanParser parser;
    private final PolicyEngine policy;
    private final AuditLog audit;
    private final HostFacts host;
    private final Config config;
    private final ProtectedPaths protectedPaths;
    private final PathResolver resolver;
    private final Executor executor;
    private final AuditTrail trail;

    public Pipeline(ActionRegistry registry, PolicyEngine policy, AuditLog audit, HostFacts host, Config config) {
        this.registry = registry;
        this.parser = new PlanParser(registry);
        this.policy = policy;
        this.audit = audit;
        this.host = host;
        this.config = config;
        List<Path> roots = new ArrayList<>(config.protectedRoots());
        roots.add(audit.file());
        roots.addAll(audit.companions());
        roots.add(config.stateDir());
        this.protectedPaths = new ProtectedPaths(roots);
        this.resolver = new PathResolver(config.cwd());
        // each step is decided again right before it runs, with the same resolver and policy
        this.executor = new Executor(registry, parser, config.stateDir(), config.limits(),
                d -> decide(d.plan(), d.requester()), protectedPaths.roots(), policy.catalog());
        this.trail = new AuditTrail(audit, registry);
    }

    /** the audit records of plans; the daemon writes its submissions, approvals and reloads through it. */
    public AuditTrail trail() {
        return trail;
    }

    public PlanParser parser() {
        return parser;
    }

    public ActionRegistry registry() {
        return registry;
    }

    public PolicyEngine policy() {
        return policy;
    }

    /** parses and validates; an invalid plan is audited and reported with every error. */
    public Plan parse(String text, Requester requester) {
        try {
            return parser.parse(text);
        } catch (PlanValidationException e) {
            ObjectNode body = who(requester);
            body.put("plan_digest", Json.sha256(text));
            body.put("status", "invalid");
            ArrayNode errors = body.putArray("errors");
            e.errors().forEach(err -> errors.add(err.toString()));
            audit.append("plan.invalid", body);
            throw e;
        }
    }

    /** one typed fact per action, builtin denials for protected paths, then policy; combined here. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public DecidedPlan decide(Plan plan, Requester requester) {
        DecisionContext context = new DecisionContext(resolver, host, requester, config.limits());
        List<ActionFact> facts = new ArrayList<>();
        List<RuleOutput> outputs = new ArrayList<>();
        for (PlannedAction action : plan.actions()) {
            ActionHandler handler = registry.handler(action.type()).orElseThrow();
            context.action(action.id());
            facts.add(handler.fact(action.header(), action.params(), context));
            for (Object written : handler.writes(action.params())) {
                protectedPaths.check(action.id(), context.path((String) written)).ifPresent(outputs::add);
            }
        }
        outputs.addAll(policy.evaluate(new PolicyRequest(plan, facts, requester, host)));
        Map<String, Decision> decisions = Decider.combine(plan, outputs);
        return new DecidedPlan(plan, decisions, facts, policy.digest(), requester, host, context.byAction());
    }

    /** the whole pipeline for one plan, each event audited as it happens. */
    public RunOutcome run(Plan plan, Requester requester, Approver approver, boolean dryRun) {
        if (plan.mode() == PlanMode.PLANONLY) {
            RunOutcome outcome = outcome(RunStatus.PLANONLY, plan, policy.digest(), requester, List.of(), null, List.of());
            trail.submitted(null, plan, requester, SELF);
            ended(null, outcome, requester);
            return outcome;
        }
        return run(decide(plan, requester), approver, dryRun);
    }

    /**
     * runs the decisions a person was shown (not a second decision): denied plans run nothing,
     * dry runs preview, otherwise the approver is asked about CONFIRM actions and the plan executes.
     * submission, decision, approval, every step and the end are audited as they happen; a record
     * that cannot be written stops the run there.
     */
    public RunOutcome run(DecidedPlan decided, Approver approver, boolean dryRun) {
        return run(decided, approver, dryRun, Cancellation.none());
    }

    /** as above; {@code cancellation} can stop the run (ctrl-c), which then recovers and is audited as cancelled. */
    public RunOutcome run(DecidedPlan decided, Approver approver, boolean dryRun, Cancellation cancellation) {
        Plan plan = decided.plan();
        trail.submitted(null, plan, decided.requester(), SELF);
        trail.decided(null, decided, dryRun ? "dry run" : "submitted");
        RunOutcome outcome;
        if (decided.anyDenied()) {
            outcome = denied(decided);
        } else if (dryRun) {
            outcome = outcome(RunStatus.DRY_RUN, plan, decided.policyDigest(), decided.requester(), preview(decided), null, List.of());
        } else {
            Set<String> approved = decided.toConfirm().isEmpty() ? Set.of() : approver.approve(decided);
            if (!decided.toConfirm().isEmpty()) {
                trail.approved(null, decided, decided.requester(), SELF, approved);
            }
            outcome = execute(decided, approved, RunListener.NONE, null, cancellation);
        }
        ended(null, outcome, decided.requester());
        return outcome;
    }

    /** this process, named in embedded records (the daemon names its peer instead). */
    private static final long SELF = ProcessHandle.current().pid();

    /** the end record; when it cannot be written the caller hears why the run stopped too. */
    public void ended(String planId, RunOutcome outcome, Requester requester) {
        try {
            trail.ended(planId, outcome, requester);
        } catch (dev.llmos.engine.audit.AuditException e) {
            String failed = outcome.actions().stream().filter(a -> a.result() != null && a.result().error() != null)
                    .map(a -> a.id() + ": " + a.result().error()).findFirst().orElse(outcome.status().wire());
            throw new dev.llmos.engine.audit.AuditException("the run ended " + outcome.status().wire() + " (" + failed
                    + ") and its end could not be recorded: " + e.getMessage(), e);
        }
    }

    /** the outcome of a plan with a deny: the denied actions and, skipped, all the others. */
    public static RunOutcome denied(DecidedPlan decided) {
        List<ActionReport> reports = decided.plan().actions().stream().map(a -> {
            Decision d = decided.decision(a.id());
            ActionResult r = d.verdict() == Verdict.DENY
                    ? ActionResult.of(ActionStatus.DENIED, "denied by " + d.rule() + ": " + d.reason())
                    : ActionResult.of(ActionStatus.SKIPPED, "not run: the plan has denied actions");
            return new ActionReport(a.id(), a.type(), a.header().reason(), a.header().danger(), d, r);
        }).toList();
        String first = reports.stream().filter(r -> r.result().status() == ActionStatus.DENIED).findFirst()
                .map(ActionReport::id).orElse(null);
        return outcome(RunStatus.DENIED, decided.plan(), decided.policyDigest(), decided.requester(), reports, first, List.of());
    }

    /** executes a decided plan with the given approvals; each step is audited, the end is the caller's. */
    public RunOutcome execute(DecidedPlan decided, Set<String> approved) {
        return execute(decided, approved, RunListener.NONE, null, Cancellation.none());
    }

    /** as above, telling {@code listener} about each step as it happens (the daemon's journal). */
    public RunOutcome execute(DecidedPlan decided, Set<String> approved, RunListener listener) {
        return execute(decided, approved, listener, null, Cancellation.none());
    }

    /** as above; {@code cancellation} stops the running step and runs the recovery (status cancelled). */
    public RunOutcome execute(DecidedPlan decided, Set<String> approved, RunListener listener, Cancellation cancellation) {
        return execute(decided, approved, listener, null, cancellation);
    }

    /**
     * as above, for the plan the daemon knows as {@code planId} (null when embedded); {@code listener}
     * hears each step after the step's audit record is synced.
     */
    public RunOutcome execute(DecidedPlan decided, Set<String> approved, RunListener listener, String planId,
                              Cancellation cancellation) {
        return execute(decided, approved, listener, planId, cancellation, null);
    }

    /**
     * as above; {@code decidedNow} is the plan decided again by the caller right before, with nothing
     * run since (or null): the first step runs on it instead of deciding the same plan once more.
     */
    public RunOutcome execute(DecidedPlan decided, Set<String> approved, RunListener listener, String planId,
                              Cancellation cancellation, DecidedPlan decidedNow) {
        if (decided.anyDenied()) {
            throw new IllegalStateException("a plan with denied actions is never executed");
        }
        Executor.Result result = executor.execute(decided, approved, RunListener.both(trail.steps(planId, decided), listener),
                cancellation, decidedNow);
        return outcome(result.status(), decided.plan(), decided.policyDigest(), decided.requester(), result.reports(),
                result.stoppedAt(), result.recovery());
    }

    /**
     * runs the automatic recovery of a run a crash cut off: the finished steps (with the undo data
     * the journal kept) are undone newest first. not audited: the caller audits what it returns.
     */
    public List<RecoveryReport> recoverInterrupted(DecidedPlan decided, java.util.LinkedHashMap<String, com.fasterxml.jackson.databind.JsonNode> finished,
                                                   RunListener listener) {
        return executor.recoverFinished(decided, finished, listener);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private List<ActionReport> preview(DecidedPlan decided) {
        List<ActionReport> reports = new ArrayList<>();
        for (PlannedAction a : decided.plan().actions()) {
            ActionHandler handler = registry.handler(a.type()).orElseThrow();
            Preview preview;
            try {
                Decision d = decided.decision(a.id());
                preview = handler.preview(a.params(), new ExecContext(config.stateDir(), decided.plan().digest(), a.id(),
                        decided.requester(), config.limits(), d.confine(), d.scope(), decided.paths(a.id()),
                        protectedPaths.roots(), policy.catalog()));
            } catch (RuntimeException e) {
                preview = Preview.of("cannot preview: " + e.getMessage());
            }
            reports.add(new ActionReport(a.id(), a.type(), a.header().reason(), a.header().danger(), decided.decision(a.id()),
                    new ActionResult(ActionStatus.DRY_RUN, null, null, null, null, List.of(), null, null, List.of(), preview)));
        }
        return reports;
    }

    private static RunOutcome outcome(RunStatus status, Plan plan, String policyDigest, Requester requester,
                                      List<ActionReport> reports, String failed, List<RecoveryReport> recovery) {
        return new RunOutcome(status, plan.goal(), plan.mode().wire(), plan.digest(), policyDigest, requester.user(),
                plan.steps(), reports, failed, recovery);
    }

    private static ObjectNode who(Requester requester) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("user", requester.user());
        body.put("uid", requester.uid());
        return body;
    }
}
