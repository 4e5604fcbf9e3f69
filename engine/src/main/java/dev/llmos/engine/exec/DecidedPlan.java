package dev.llmos.engine.exec;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.spi.ActionFact;

import java.util.List;
import java.util.Map;

/**
 * a plan with one decision per action, in plan order, and what they were made from.
 *
 * @param facts the typed facts policy saw, in plan order
 * @param paths per action id, every path its fact and its writes resolved, as the decision saw
 *              them (real path, inode): execution acts on these objects or refuses
 */
public record DecidedPlan(Plan plan, Map<String, Decision> decisions, List<ActionFact> facts, String policyDigest,
                          Requester requester, HostFacts host, @JsonIgnore Map<String, List<PathFacts>> paths) {

    public DecidedPlan {
        decisions = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(decisions));
        facts = List.copyOf(facts);
        paths = paths == null ? Map.of() : Map.copyOf(paths);
    }

    /** a decided plan that records no resolved paths (a client's copy of the daemon's decision). */
    public DecidedPlan(Plan plan, Map<String, Decision> decisions, List<ActionFact> facts, String policyDigest,
                       Requester requester, HostFacts host) {
        this(plan, decisions, facts, policyDigest, requester, host, Map.of());
    }

    /** the paths the decision resolved for one action, in the order it resolved them. */
    public List<PathFacts> paths(String actionId) {
        return paths.getOrDefault(actionId, List.of());
    }

    public Decision decision(String actionId) {
        return decisions.get(actionId);
    }

    public boolean anyDenied() {
        return decisions.values().stream().anyMatch(d -> d.verdict() == Verdict.DENY);
    }

    /** the actions a person must confirm, in plan order. */
    public List<PlannedAction> toConfirm() {
        return plan.actions().stream().filter(a -> decisions.get(a.id()).verdict() == Verdict.CONFIRM).toList();
    }

    /**
     * digest of the exact plan and decisions a person is shown; an approval is bound to it, so a
     * changed plan or a changed decision needs a new approval.
     */
    public String digest() {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("plan", plan.digest());
        node.put("policy", policyDigest);
        ArrayNode list = node.putArray("decisions");
        decisions.values().forEach(d -> list.addObject()
                .put("id", d.actionId()).put("verdict", d.verdict().wire()).put("rule", d.rule()));
        return Json.sha256(Json.canonical(node));
    }
}
