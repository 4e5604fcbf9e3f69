package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.schema.PlanSchema;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.engine.spi.ActionSpec;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/** the json-rpc methods, one per resource.verb; each takes the caller and its params, returns a result node. */
final class Methods {

    private final Supplier<Pipeline> pipeline;
    private final PlanStore plans;
    private final Approvals approvals;
    private final Journal journal;
    private final AuditLog audit;
    private final Reloader reloader;
    private final Set<String> adminGroups;
    /** the calling peer's pid, for audit lines; set per call on the connection's own thread. */
    private final ThreadLocal<Long> pid = ThreadLocal.withInitial(() -> -1L);

    /** swaps in a freshly built policy, or throws naming the problems and keeps the old one. */
    interface Reloader {
        String reload();
    }

    Methods(Supplier<Pipeline> pipeline, PlanStore plans, Approvals approvals, Journal journal, AuditLog audit,
            Reloader reloader, Set<String> adminGroups) {
        this.pipeline = pipeline;
        this.plans = plans;
        this.approvals = approvals;
        this.journal = journal;
        this.audit = audit;
        this.reloader = reloader;
        this.adminGroups = adminGroups;
    }

    JsonNode call(String method, JsonNode params, Peer peer) {
        Requester who = peer.requester();
        this.pid.set(peer.pid());
        return switch (method) {
            case "plan.submit" -> submit(params, who);
            case "plan.approve" -> approve(params, who);
            case "plan.execute" -> execute(params, who);
            case "plan.preview" -> preview(params, who);
            case "plan.status" -> status(params, who);
            case "actions.list" -> actions();
            case "policy.reload" -> reload(who);
            case "audit.tail" -> tail(params, who);
            default -> throw new RpcException(RpcError.METHOD_NOT_FOUND, "unknown method " + method
                    + " (known: plan.submit, plan.approve, plan.execute, plan.preview, plan.status, actions.list, policy.reload, audit.tail)");
        };
    }

    private JsonNode submit(JsonNode params, Requester who) {
        JsonNode planJson = params.path("plan");
        if (!planJson.isObject()) {
            throw new RpcException(RpcError.INVALID_PARAMS, "params.plan must be a plan object");
        }
        Pipeline p = pipeline.get();
        Plan plan;
        try {
            plan = p.parse(Json.write(planJson), who);
        } catch (PlanValidationException e) {
            ArrayNode errors = Json.mapper().createArrayNode();
            e.errors().forEach(err -> errors.addObject().put("pointer", err.pointer()).put("message", err.message()));
            throw new RpcException(RpcError.PLAN_INVALID, e.errors().size() + " error(s) in plan", errors);
        }
        ObjectNode result = Json.mapper().createObjectNode();
        if (plan.mode() == PlanMode.PLANONLY) {
            RunOutcome outcome = p.run(plan, who, dev.llmos.engine.exec.Approver.NOBODY, false);
            result.put("status", "planonly");
            result.setAll((ObjectNode) Json.tree(outcome));
            return result;
        }
        DecidedPlan decided = p.decide(plan, who);
        PlanStore.Entry entry = plans.add(decided, who.uid());
        result.put("plan_id", entry.id);
        result.put("plan_digest", plan.digest());
        result.put("digest", decided.digest());
        result.put("policy_digest", decided.policyDigest());
        result.put("status", decided.anyDenied() ? "denied" : "decided");
        ArrayNode confirm = result.putArray("confirm");
        decided.toConfirm().forEach(a -> confirm.add(a.id()));
        ArrayNode actions = result.putArray("actions");
        for (PlannedAction a : plan.actions()) {
            actions.add(Json.tree(new ActionReport(a.id(), a.type(), a.header().reason(), a.header().danger(),
                    decided.decision(a.id()), null)));
        }
        ObjectNode event = Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid()).put("pid", pid.get())
                .put("plan_id", entry.id).put("plan_digest", plan.digest()).put("policy_digest", decided.policyDigest())
                .put("status", result.get("status").asText());
        ArrayNode decisions = event.putArray("actions");
        decided.decisions().values().forEach(d -> decisions.addObject().put("id", d.actionId())
                .put("decision", d.verdict().wire()).put("rule", d.rule()));
        audit.append("plan.submit", event);
        return result;
    }

    private JsonNode approve(JsonNode params, Requester who) {
        PlanStore.Entry e = plans.get(params.path("plan_id").asText(null), who.uid());
        String digest = params.path("digest").asText("");
        if (!digest.equals(e.decided.digest())) {
            throw new RpcException(RpcError.APPROVAL_INVALID,
                    "digest does not match the plan and decisions of " + e.id + "; approve what plan.submit returned");
        }
        Set<String> confirm = new LinkedHashSet<>();
        e.decided.toConfirm().forEach(a -> confirm.add(a.id()));
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode id : params.path("approve")) {
            if (!confirm.contains(id.asText())) {
                throw new RpcException(RpcError.INVALID_PARAMS, id.asText() + " is not an action of " + e.id + " that needs approval"
                        + " (those are: " + String.join(", ", confirm) + ")");
            }
            ids.add(id.asText());
        }
        String[] token = new String[1];
        Approvals.Approval a = approvals.grant(e.id, digest, ids, who.uid(), token);
        ObjectNode event = Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid()).put("pid", pid.get())
                .put("plan_id", e.id).put("digest", digest);
        ids.forEach(event.putArray("approved")::add);
        audit.append("plan.approve", event);
        ObjectNode result = Json.mapper().createObjectNode();
        result.put("approval", token[0]);
        result.put("expires_at", a.expires().toString());
        ids.forEach(result.putArray("approved")::add);
        return result;
    }

    private JsonNode execute(JsonNode params, Requester who) {
        PlanStore.Entry e = plans.get(params.path("plan_id").asText(null), who.uid());
        if (!e.started.compareAndSet(false, true)) {
            throw new RpcException(RpcError.PLAN_STATE, e.id + " was already executed (state " + e.state + ")");
        }
        Pipeline p = pipeline.get();
        DecidedPlan now;
        Set<String> approved = Set.of();
        try {
            // decide again: a policy reloaded since submit must not be bypassed
            now = p.decide(e.decided.plan(), e.decided.requester());
            if (now.anyDenied()) {
                e.state = "denied";
                throw new RpcException(RpcError.PLAN_DENIED, e.id + " has denied actions; nothing runs");
            }
            if (!now.toConfirm().isEmpty()) {
                String token = params.path("approval").asText(null);
                if (token == null) {
                    throw new RpcException(RpcError.APPROVAL_REQUIRED, e.id + " has actions that need approval: "
                            + String.join(", ", now.toConfirm().stream().map(PlannedAction::id).toList()) + "; call plan.approve");
                }
                approved = approvals.redeem(token, e.id, now.digest(), who.uid()).actions();
            }
        } catch (RuntimeException ex) {
            if (!"denied".equals(e.state)) {
                e.started.set(false);
            }
            throw ex;
        }
        e.state = "running";
        RunOutcome outcome;
        try (Journal.Writer w = journal.begin(e.id, now, approved)) {
            outcome = p.execute(now, approved, w);
            w.end(outcome.status());
        } catch (RuntimeException ex) {
            e.state = "failed";
            throw ex;
        }
        e.outcome = outcome;
        e.state = outcome.status().wire();
        p.audit(outcome, e.decided.requester());
        ObjectNode result = (ObjectNode) Json.tree(outcome);
        result.put("plan_id", e.id);
        return result;
    }

    /** a dry run of a submitted plan: decided again and previewed, nothing executed. */
    private JsonNode preview(JsonNode params, Requester who) {
        PlanStore.Entry e = plans.get(params.path("plan_id").asText(null), who.uid());
        Pipeline p = pipeline.get();
        RunOutcome outcome = p.run(p.decide(e.decided.plan(), e.decided.requester()), dev.llmos.engine.exec.Approver.NOBODY, true);
        ObjectNode result = (ObjectNode) Json.tree(outcome);
        result.put("plan_id", e.id);
        return result;
    }

    private JsonNode status(JsonNode params, Requester who) {
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode list = result.putArray("plans");
        String only = params.path("plan_id").asText(null);
        for (PlanStore.Entry e : plans.visibleTo(who.uid())) {
            if (only == null || only.equals(e.id)) {
                list.addObject().put("plan_id", e.id).put("goal", e.decided.plan().goal())
                        .put("user", e.decided.requester().user()).put("state", e.state).put("created", e.created.toString());
            }
        }
        ArrayNode interrupted = result.putArray("interrupted");
        for (Journal.Entry j : journal.scan()) {
            if ("interrupted".equals(j.state()) && (who.uid() == 0 || who.uid() == j.uid()) && (only == null || only.equals(j.planId()))) {
                interrupted.add(Json.tree(j));
            }
        }
        return result;
    }

    private JsonNode actions() {
        Pipeline p = pipeline.get();
        ObjectNode schema = p.parser().schema();
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode list = result.putArray("actions");
        for (ActionSpec<?> spec : p.registry().specs()) {
            list.addObject().put("type", spec.type()).put("summary", spec.summary()).put("effect", spec.effect().wire())
                    .put("can_dry_run", spec.canDryRun()).put("can_undo", spec.canUndo())
                    .set("schema", PlanSchema.ofAction(schema, spec.type()));
        }
        return result;
    }

    private JsonNode reload(Requester who) {
        if (!isAdmin(who)) {
            throw new RpcException(RpcError.NOT_PERMITTED, "policy.reload needs root or a member of " + adminGroups);
        }
        try {
            String digest = reloader.reload();
            audit.append("policy.reload", Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid()).put("pid", pid.get())
                    .put("policy_digest", digest).put("status", "ok"));
            return Json.mapper().createObjectNode().put("policy_digest", digest);
        } catch (PolicyLoadException e) {
            ArrayNode problems = Json.mapper().createArrayNode();
            e.problems().forEach(pr -> problems.add(pr.toString()));
            audit.append("policy.reload", Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid()).put("pid", pid.get())
                    .put("status", "rejected").set("problems", problems));
            throw new RpcException(RpcError.POLICY_INVALID, "policy does not compile; the previous policy stays in force", problems);
        }
    }

    private JsonNode tail(JsonNode params, Requester who) {
        int n = Math.max(1, Math.min(1000, params.path("lines").asInt(20)));
        boolean admin = isAdmin(who);
        List<String> lines = audit.lines();
        ArrayNode entries = Json.mapper().createArrayNode();
        for (int i = lines.size() - 1; i >= 0 && entries.size() < n; i--) {
            try {
                JsonNode line = Json.mapper().readTree(lines.get(i));
                if (admin || line.path("uid").asInt(-1) == who.uid()) {
                    entries.insert(0, line);
                }
            } catch (java.io.IOException damaged) {
                // a damaged line is audit verify's business; tail shows what it can read
            }
        }
        return Json.mapper().createObjectNode().set("entries", entries);
    }

    boolean isAdmin(Requester who) {
        return who.isRoot() || who.groups().stream().anyMatch(adminGroups::contains);
    }
}
