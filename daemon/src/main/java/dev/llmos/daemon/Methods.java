package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.daemon.client.Result;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.AuditTrail;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.schema.PlanSchema;
import dev.llmos.engine.schema.PlanValidationException;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** the json-rpc methods: one typed handler per {@link Method}, chosen by an exhaustive switch. */
final class Methods {

    private final Supplier<Pipeline> pipeline;
    private final PlanStore plans;
    private final Approvals approvals;
    private final Journal journal;
    private final AuditLog audit;
    private final Reloader reloader;
    private final Set<String> adminGroups;
    private final Users users;
    private final Set<String> recovering = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** swaps in a freshly built policy, or throws naming the problems and keeps the old one. */
    interface Reloader {
        /** @throws SuitesFailed when the new policy fails its own tests/ suites (unless skipped) */
        String reload(boolean skipTests);
    }

    /** the new policy compiled but its own suites fail; it is not swapped in. */
    static final class SuitesFailed extends RuntimeException {
        final List<String> failures;

        SuitesFailed(List<String> failures) {
            super(failures.size() + " failure(s) in the policy's own tests/ suites");
            this.failures = List.copyOf(failures);
        }
    }

    /** who a uid and gid are (names, groups): a recovery runs as the plan's owner, even when root asks for it. */
    interface Users {
        Requester identify(int uid, int gid);
    }

    Methods(Supplier<Pipeline> pipeline, PlanStore plans, Approvals approvals, Journal journal, AuditLog audit,
            Reloader reloader, Set<String> adminGroups, Users users) {
        this.users = users;
        this.pipeline = pipeline;
        this.plans = plans;
        this.approvals = approvals;
        this.journal = journal;
        this.audit = audit;
        this.reloader = reloader;
        this.adminGroups = adminGroups;
    }

    Result call(Incoming.Call call, Peer peer) {
        Params params = call.params();
        return switch (call.method()) {
            case ACTIONS_LIST -> actions();
            case PLAN_SUBMIT -> submit((Params.Submit) params, peer);
            case PLAN_APPROVE -> approve((Params.Approve) params, peer);
            case PLAN_EXECUTE -> execute((Params.Execute) params, peer);
            case PLAN_PREVIEW -> preview((Params.PlanRef) params, peer);
            case PLAN_CANCEL -> cancel((Params.PlanRef) params, peer);
            case PLAN_STATUS -> status((Params.Status) params, peer);
            case PLAN_RECOVER -> recover((Params.PlanRef) params, peer);
            case POLICY_RELOAD -> reload((Params.Reload) params, peer);
            case AUDIT_TAIL -> tail((Params.Tail) params, peer);
        };
    }

    private Result submit(Params.Submit params, Peer peer) {
        Requester who = peer.requester();
        Pipeline p = pipeline.get();
        String text = Json.write(params.plan());
        Plan plan;
        try {
            plan = p.parse(text, who);
        } catch (PlanValidationException e) {
            ArrayNode errors = Json.mapper().createArrayNode();
            e.errors().forEach(err -> errors.addObject().put("pointer", err.pointer()).put("message", err.message()));
            throw new RpcException(RpcError.PLAN_INVALID, e.errors().size() + " error(s) in plan", errors);
        }
        if (plan.mode() == PlanMode.PLANONLY) {
            return new Result.PlanOnly(p.run(plan, who, Approver.NOBODY, false));
        }
        DecidedPlan decided = p.decide(plan, who);
        PlanStore.Entry entry = plans.add(decided, text.length(), who.uid());
        String status = decided.anyDenied() ? "denied" : "decided";
        List<ActionReport> actions = new ArrayList<>();
        for (PlannedAction a : plan.actions()) {
            actions.add(new ActionReport(a.id(), a.type(), a.header().reason(), a.header().danger(), decided.decision(a.id()), null));
        }
        try {
            // written now, synced with the next synced record: nothing waits on them (decision 0026)
            AuditTrail deferred = p.trail().deferring();
            deferred.submitted(entry.id, plan, who, peer.pid());
            deferred.decided(entry.id, decided, "submitted");
        } catch (RuntimeException unrecorded) {
            // a plan whose submission is not on record can never run
            entry.start();
            entry.end("refused");
            throw unrecorded;
        }
        return new Result.Decided(entry.id, plan.digest(), decided.digest(), decided.policyDigest(), status,
                decided.toConfirm().stream().map(PlannedAction::id).toList(), actions);
    }

    private Result approve(Params.Approve params, Peer peer) {
        Requester who = peer.requester();
        PlanStore.Entry e = plans.get(params.planId(), who.uid());
        DecidedPlan decided = e.decided();
        if (!params.digest().equals(decided.digest())) {
            throw new RpcException(RpcError.APPROVAL_INVALID,
                    "digest does not match the plan and decisions of " + e.id + "; approve what plan.submit returned");
        }
        Set<String> confirm = new LinkedHashSet<>();
        decided.toConfirm().forEach(a -> confirm.add(a.id()));
        Set<String> ids = new LinkedHashSet<>();
        for (String id : params.approve()) {
            if (!confirm.contains(id)) {
                throw new RpcException(RpcError.INVALID_PARAMS, id + " is not an action of " + e.id + " that needs approval"
                        + " (those are: " + String.join(", ", confirm) + ")");
            }
            ids.add(id);
        }
        String[] token = new String[1];
        Approvals.Approval a = approvals.grant(e.id, params.digest(), ids, who.uid(), token);
        pipeline.get().trail().deferring().approved(e.id, decided, who, peer.pid(), ids);
        return new Result.Approved(token[0], a.expires().toString(), List.copyOf(ids));
    }

    private Result execute(Params.Execute params, Peer peer) {
        Requester who = peer.requester();
        PlanStore.Entry e = plans.get(params.planId(), who.uid());
        DecidedPlan submitted = e.start();
        Pipeline p = pipeline.get();
        DecidedPlan now;
        Set<String> approved = Set.of();
        try {
            // decide again: a policy reloaded since submit must not be bypassed
            now = p.decide(submitted.plan(), submitted.requester());
            // synced by the first step's start record, before the step runs
            p.trail().deferring().decided(e.id, now, "execute");
            if (now.anyDenied()) {
                e.end("denied");
                p.trail().refused(e.id, now.plan().digest(), who, peer.pid(), "denied when decided again at execute");
                throw new RpcException(RpcError.PLAN_DENIED, e.id + " has denied actions; nothing runs");
            }
            if (!now.toConfirm().isEmpty()) {
                if (params.approval() == null) {
                    throw new RpcException(RpcError.APPROVAL_REQUIRED, e.id + " has actions that need approval: "
                            + String.join(", ", now.toConfirm().stream().map(PlannedAction::id).toList()) + "; call plan.approve");
                }
                approved = approvals.redeem(params.approval(), e.id, now.digest(), who.uid()).actions();
            }
        } catch (RuntimeException ex) {
            if (!e.ended()) {
                e.unstart();
            }
            throw ex;
        }
        RunOutcome outcome;
        try (Journal.Writer w = journal.begin(e.id, now, approved)) {
            // what the person was shown runs: each step is decided again right before it runs and
            // compared with it (paths, verdict, scope), not only with this second decision
            // the decision just made stands for the first step's (nothing ran in between): one decision less
            outcome = p.execute(submitted, approved, w, e.id, e.cancellation(), now);
            w.end(outcome.status());
        } catch (RuntimeException ex) {
            e.end("failed");
            throw ex;
        }
        try {
            p.ended(e.id, outcome, submitted.requester());
        } finally {
            // ended only once audited: a stopping daemon waits for running plans, audit included
            e.end(outcome.status().wire());
        }
        return new Result.Ran(e.id, outcome);
    }

    /** a dry run of a submitted plan: decided again and previewed, nothing executed. */
    private Result preview(Params.PlanRef params, Peer peer) {
        PlanStore.Entry e = plans.get(params.planId(), peer.requester().uid());
        DecidedPlan decided = e.decided();
        Pipeline p = pipeline.get();
        RunOutcome outcome = p.run(p.decide(decided.plan(), decided.requester()), Approver.NOBODY, true);
        return new Result.Ran(e.id, outcome);
    }

    /** stops a plan: one not started never will; a running one has its step stopped and its recovery run. */
    private Result cancel(Params.PlanRef params, Peer peer) {
        PlanStore.Entry e = plans.get(params.planId(), peer.requester().uid());
        String state = e.cancel();
        audit.append("plan.cancel", who(peer).put("plan_id", e.id).put("status", state));
        return new Result.Cancelled(e.id, state);
    }

    /** cancels every running plan (the daemon is stopping); their threads run the recovery and audit. */
    void cancelAll(String why) {
        for (PlanStore.Entry e : plans.running()) {
            try {
                String state = e.cancel();
                audit.append("plan.cancel", Json.mapper().createObjectNode().put("plan_id", e.id).put("status", state).put("reason", why));
            } catch (RpcException alreadyStopping) {
                // cancelled already, or it ended in between
            }
        }
    }

    private Result status(Params.Status params, Peer peer) {
        int uid = peer.requester().uid();
        String only = params.planId();
        List<Result.PlanState> held = new ArrayList<>();
        for (PlanStore.Entry e : plans.visibleTo(uid)) {
            if (only == null || only.equals(e.id)) {
                held.add(new Result.PlanState(e.id, e.goal, e.user, e.state(), e.created.toString()));
            }
        }
        List<Result.Interrupted> interrupted = new ArrayList<>();
        for (Result.Interrupted j : journal.unfinished()) {
            // a plan this daemon holds is running (or ended) here, not cut off by a crash
            if ("interrupted".equals(j.state()) && !plans.holds(j.planId()) && (uid == 0 || uid == j.uid())
                    && (only == null || only.equals(j.planId()))) {
                interrupted.add(j);
            }
        }
        return new Result.Status(held, interrupted);
    }

    /**
     * runs the automatic recovery of a plan a crash cut off (what finished is undone, newest first),
     * as the policy in force attaches it, and closes its journal. llmsh shows the steps and asks first.
     */
    private Result recover(Params.PlanRef params, Peer peer) {
        Requester who = peer.requester();
        Journal.Cut cut = journal.cut(params.planId()).filter(c -> !plans.holds(c.planId()))
                .filter(c -> who.uid() == 0 || who.uid() == c.uid())
                .orElseThrow(() -> new RpcException(RpcError.UNKNOWN_PLAN, "no interrupted plan " + params.planId()));
        if (!recovering.add(cut.planId())) {
            throw new RpcException(RpcError.PLAN_STATE, cut.planId() + " is being recovered already");
        }
        try {
            Pipeline p = pipeline.get();
            Requester owner = who.uid() == cut.uid() ? who : users.identify(cut.uid(), cut.gid());
            DecidedPlan decided = p.decide(p.parser().parse(cut.plan()), owner);
            List<dev.llmos.engine.exec.RecoveryReport> reports;
            try (Journal.Writer w = journal.resume(cut.planId())) {
                reports = p.recoverInterrupted(decided, cut.finished(), w);
                w.endRecovered();
            }
            ObjectNode event = who(peer).put("plan_id", cut.planId()).put("plan_digest", decided.plan().digest())
                    .put("policy_digest", decided.policyDigest()).put("status", "recovered");
            event.set("recovery", Json.tree(reports));
            audit.append("plan.recover", event);
            return new Result.Recovered(cut.planId(), reports);
        } finally {
            recovering.remove(cut.planId());
        }
    }

    private Result actions() {
        Pipeline p = pipeline.get();
        ObjectNode schema = p.parser().schema();
        return new Result.Actions(p.registry().specs().stream().map(spec -> new Result.ActionInfo(spec.type(), spec.summary(),
                spec.effect().wire(), spec.canDryRun(), spec.canUndo(), PlanSchema.ofAction(schema, spec.type()))).toList());
    }

    private Result reload(Params.Reload params, Peer peer) {
        Requester who = peer.requester();
        if (!isAdmin(who)) {
            throw new RpcException(RpcError.NOT_PERMITTED, "policy.reload needs root or a member of " + adminGroups);
        }
        try {
            String digest = reloader.reload(params.skip());
            audit.append("policy.reload", who(peer).put("policy_digest", digest).put("status", "ok")
                    .put("tests_skipped", params.skip()));
            return new Result.Reloaded(digest);
        } catch (SuitesFailed e) {
            ArrayNode failures = Json.mapper().createArrayNode();
            e.failures.forEach(failures::add);
            ObjectNode event = who(peer).put("status", "rejected");
            event.set("suite_failures", failures);
            audit.append("policy.reload", event);
            throw new RpcException(RpcError.POLICY_INVALID, "the policy's own tests/ suites fail; the previous policy stays in force"
                    + " (params.skip_tests in an emergency, audited)", failures);
        } catch (PolicyLoadException e) {
            ArrayNode problems = Json.mapper().createArrayNode();
            e.problems().forEach(pr -> problems.add(pr.toString()));
            ObjectNode event = who(peer).put("status", "rejected");
            event.set("problems", problems);
            audit.append("policy.reload", event);
            throw new RpcException(RpcError.POLICY_INVALID, "policy does not compile; the previous policy stays in force", problems);
        }
    }

    private Result tail(Params.Tail params, Peer peer) {
        Requester who = peer.requester();
        int n = params.count();
        boolean admin = isAdmin(who);
        java.util.ArrayDeque<JsonNode> entries = new java.util.ArrayDeque<>();
        // newest first from the end of the file: the log is never read whole for a tail
        audit.newestFirst(text -> {
            try {
                JsonNode line = Json.mapper().readTree(text);
                if (admin || line.path("uid").asInt(-1) == who.uid()) {
                    entries.addFirst(line);
                }
            } catch (java.io.IOException damaged) {
                // a damaged line is audit verify's business; tail shows what it can read
            }
            return entries.size() < n;
        });
        return new Result.Tail(List.copyOf(entries));
    }

    boolean isAdmin(Requester who) {
        return who.isRoot() || who.groups().stream().anyMatch(adminGroups::contains);
    }

    private static ObjectNode who(Peer peer) {
        Requester who = peer.requester();
        return Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid()).put("pid", peer.pid());
    }
}
