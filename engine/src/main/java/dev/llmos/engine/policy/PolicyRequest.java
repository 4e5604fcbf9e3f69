package dev.llmos.engine.policy;

import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * everything policy may see, and nothing else: the plan, one typed fact per action (in plan
 * order), who asks, and the host.
 */
public record PolicyRequest(Plan plan, List<ActionFact> facts, Requester requester, HostFacts host) {

    public PolicyRequest {
        facts = List.copyOf(facts);
    }
}
