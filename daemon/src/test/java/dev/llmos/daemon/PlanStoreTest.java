package dev.llmos.daemon;

import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.Decider;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.testkit.NoteHandler;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** what the daemon holds of submitted plans: bounded, and an ended plan is kept only among the newest. */
class PlanStoreTest {

    private static DecidedPlan decided(String goal) {
        Plan plan = new PlanParser(ActionRegistry.of(List.of(new NoteHandler()))).parse("{\"version\": 1, \"mode\": \"actionplan\","
                + " \"goal\": \"" + goal + "\", \"actions\": [{\"id\": \"a1\", \"type\": \"note\", \"reason\": \"r\","
                + " \"path\": \"/tmp/x\", \"text\": \"t\"}]}");
        return new DecidedPlan(plan, Decider.combine(plan, List.of(new RuleOutput.Match("a1", Verdict.ALLOW, "r", "j", "ok", null))),
                List.of(), "pol", new Requester(1000, 1000, "alice", List.of()), new HostFacts("h", "debian", "12", "amd64", "apt", "systemd"));
    }

    private static PlanStore store(int keepEnded) {
        return new PlanStore(Clock.systemUTC(), new PlanStore.Bounds(10_000, 256L << 20, 200, 32L << 20, Duration.ofHours(1), keepEnded));
    }

    @Test
    void onlyTheNewestEndedPlansStayListedAndAPlanNotRunYetAlwaysDoes() {
        PlanStore plans = store(2);
        PlanStore.Entry waiting = plans.add(decided("waiting"), 10, 1000);
        List<String> ended = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            PlanStore.Entry e = plans.add(decided("run " + i), 10, 1000);
            e.start();
            e.end("completed");
            ended.add(e.id);
        }
        PlanStore.Entry cancelled = plans.add(decided("cancelled"), 10, 1000);
        cancelled.cancel();
        assertEquals(List.of("waiting", "run 4", "cancelled"), plans.visibleTo(1000).stream().map(e -> e.goal).toList());
        assertEquals(List.of(false, false, true), List.of(plans.holds(ended.get(0)), plans.holds(ended.get(2)), plans.holds(waiting.id)));
        assertThrows(RpcException.class, () -> plans.get(ended.get(0), 1000), "a forgotten plan is unknown");
    }
}
