package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.audit.FileDigest;
import dev.llmos.engine.audit.Redact;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.Change;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * the audit records of a plan's life, one per event: submitted, decided, approved, each step
 * started (before it runs) and finished, each recovery step, ended. every method writes and syncs
 * its record before returning and throws {@link dev.llmos.engine.audit.AuditException} when it
 * cannot, so the caller does not go on unrecorded; a step's finished record alone is synced by the
 * record after it (decision 0031). the record types are listed in docs/audit.md.
 */
public final class AuditTrail {

    private final AuditLog log;
    private final ActionRegistry registry;

    public AuditTrail(AuditLog log, ActionRegistry registry) {
        this.log = log;
        this.registry = registry;
    }

    public AuditLog log() {
        return log;
    }

    /**
     * this trail with records written but not synced until the next synced record (decision 0026):
     * for events no effect waits on (submitted, decided, approved); a step's start, synced before
     * the step runs, puts them on disk with it.
     */
    public AuditTrail deferring() {
        return new AuditTrail(log.deferring(), registry);
    }

    /** who sent which plan, with its parameters (contents and environment values as digests). */
    public void submitted(String planId, Plan plan, Requester who, long pid) {
        ObjectNode r = who(who, pid);
        planRef(r, planId, plan.digest());
        r.set("plan", Redact.plan(plan.json()));
        log.append("plan.submitted", r);
    }

    /** the decision per action: verdict, the rule that made it, every rule that matched, the scope granted. */
    public void decided(String planId, DecidedPlan d, String when) {
        ObjectNode r = who(d.requester(), 0);
        planRef(r, planId, d.plan().digest());
        r.put("policy_digest", d.policyDigest());
        r.put("digest", d.digest());
        r.put("when", when);
        ArrayNode actions = r.putArray("actions");
        for (PlannedAction a : d.plan().actions()) {
            Decision dec = d.decision(a.id());
            ObjectNode o = actions.addObject().put("id", a.id()).put("action_type", a.type())
                    .put("verdict", dec.verdict().wire()).put("rule", dec.rule()).put("reason", dec.reason());
            ArrayNode rules = o.putArray("rules");
            for (RuleOutput.Match m : dec.matches()) {
                rules.addObject().put("rule", m.rule()).put("verdict", m.verdict().wire());
            }
            o.set("scope", Json.tree(dec.scope()));
            o.put("scope_text", dec.scope().describe());
            dec.preconditions().stream().map(Precondition::describe).forEach(o.putArray("preconditions")::add);
            dec.recovery().stream().map(RecoveryStep::describe).forEach(o.putArray("recovery")::add);
        }
        log.append("plan.decided", r);
    }

    /** who approved which actions of which exact plan and decisions (the digest they were shown). */
    public void approved(String planId, DecidedPlan d, Requester who, long pid, Set<String> actions) {
        ObjectNode r = who(who, pid);
        planRef(r, planId, d.plan().digest());
        r.put("digest", d.digest());
        actions.forEach(r.putArray("approved")::add);
        log.append("plan.approved", r);
    }

    /** how the run ended, with each action's final status; the steps have their own records. */
    public void ended(String planId, RunOutcome outcome, Requester requester) {
        ObjectNode r = who(requester, 0);
        planRef(r, planId, outcome.planDigest());
        r.put("status", outcome.status().wire());
        if (outcome.failedAction() != null) {
            r.put("stopped_at", outcome.failedAction());
        }
        ArrayNode actions = r.putArray("actions");
        for (ActionReport a : outcome.actions()) {
            ObjectNode o = actions.addObject().put("id", a.id()).put("action_type", a.type());
            if (a.result() != null) {
                o.put("status", a.result().status().wire());
                if (a.result().error() != null) {
                    o.put("error", a.result().error());
                }
            }
        }
        log.append("plan.ended", r);
    }

    /** a request refused before anything ran (denied, approval missing or wrong, a refused peer). */
    public void refused(String planId, String planDigest, Requester who, long pid, String why) {
        ObjectNode r = who(who, pid);
        planRef(r, planId, planDigest);
        r.put("reason", why);
        log.append("request.refused", r);
    }

    /** any other event (policy reload, interrupted plans closed at start), with its own fields. */
    public void record(String type, ObjectNode body) {
        log.append(type, body);
    }

    /** the per-step records, as a listener the executor calls before and after each step. */
    public RunListener steps(String planId, DecidedPlan d) {
        return new Steps(planId, d);
    }

    private final class Steps implements RunListener {
        private final String planId;
        private final DecidedPlan decided;

        Steps(String planId, DecidedPlan decided) {
            this.planId = planId;
            this.decided = decided;
        }

        @Override
        @SuppressWarnings({"unchecked", "rawtypes"})
        public void starting(int step, PlannedAction action) {
            ObjectNode r = who(decided.requester(), 0);
            planRef(r, planId, decided.plan().digest());
            r.put("step", step).put("action", action.id()).put("action_type", action.type());
            r.set("params", Redact.action(action.json()));
            Decision d = decided.decision(action.id());
            if (d != null) {
                r.put("scope", d.scope().describe());
            }
            ActionHandler handler = registry.handler(action.type()).orElse(null);
            ArrayNode before = r.putArray("writes");
            if (handler != null) {
                for (Object p : (List<Object>) handler.writes(action.params())) {
                    before.addObject().put("path", String.valueOf(p)).put("before", FileDigest.of(Path.of(String.valueOf(p))));
                }
            }
            log.append("step.started", r);
        }

        @Override
        public void finished(int step, PlannedAction action, ActionResult result, JsonNode undo) {
            ObjectNode r = who(decided.requester(), 0);
            planRef(r, planId, decided.plan().digest());
            r.put("step", step).put("action", action.id()).put("action_type", action.type())
                    .put("status", result.status().wire());
            if (result.exitCode() != null) {
                r.put("exit_code", result.exitCode());
            }
            if (result.durationMs() != null) {
                r.put("millis", result.durationMs());
            }
            if (result.error() != null) {
                r.put("error", result.error());
            }
            ArrayNode changes = r.putArray("changes");
            for (Change c : result.changes()) {
                ObjectNode o = changes.addObject().put("kind", c.kind()).put("path", c.path());
                if (c.bytesBefore() != null) {
                    o.put("bytes_before", c.bytesBefore());
                }
                if (c.bytesAfter() != null) {
                    o.put("bytes_after", c.bytesAfter());
                }
                if (c.backup() != null) {
                    o.put("backup", c.backup()).put("before", FileDigest.of(Path.of(c.backup())));
                }
                o.put("after", c.path() == null ? "absent" : FileDigest.of(Path.of(c.path())));
            }
            r.put("undo_kept", undo != null);
            // synced with the next synced record (the next step's start, a recovery step, the plan's end),
            // which comes before anything else happens: the step's effect is done, nothing waits on this
            // record alone (decision 0031)
            log.deferring().append("step.finished", r);
        }

        @Override
        public void recovering(String forAction, RecoveryStep step) {
            ObjectNode r = who(decided.requester(), 0);
            planRef(r, planId, decided.plan().digest());
            r.put("for_action", forAction).put("step", step.describe()).put("phase", "starting");
            log.append("recovery", r);
        }

        @Override
        public void recovered(RecoveryReport report) {
            ObjectNode r = who(decided.requester(), 0);
            planRef(r, planId, decided.plan().digest());
            r.put("for_action", report.forAction()).put("step", report.step().describe()).put("phase", report.status());
            if (report.detail() != null) {
                r.put("detail", report.detail());
            }
            log.append("recovery", r);
        }
    }

    private static ObjectNode who(Requester who, long pid) {
        ObjectNode r = Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid());
        if (pid > 0) {
            r.put("pid", pid);
        }
        return r;
    }

    private static void planRef(ObjectNode r, String planId, String planDigest) {
        if (planId != null) {
            r.put("plan_id", planId);
        }
        if (planDigest != null) {
            r.put("plan_digest", planDigest);
        }
    }
}
