package dev.llmos.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.DiskFree;
import dev.llmos.engine.policy.PathExists;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.spi.Output;
import dev.llmos.engine.spi.Preview;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.spi.Scope;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DaemonAnswersTest {

    private static final JsonNode ACTION = Json.mapper().createObjectNode().put("type", "exec").put("id", "undo-a1");

    private static Decision decision(String id, Verdict verdict, ResourceLimits confine, Scope scope) {
        return new Decision(id, verdict, "rule." + id, "why " + id, "reason " + id, verdict == Verdict.DENY ? "ask root" : null,
                List.of(new RuleOutput.Match(id, verdict, "rule." + id, "why", "reason", null)),
                List.of(new PathExists("/tmp/x"), new DiskFree("/tmp", 4096), new Precondition.Reported("owner", "owned by root")),
                List.of(new RecoveryStep.Undo(true), new RecoveryStep.RunAction(ACTION, false)), confine, scope);
    }

    private static RunOutcome outcome() {
        ObjectNode data = Json.mapper().createObjectNode().put("confined", false).put("uid", 1000);
        data.putArray("entries").add("a").add(2);
        ActionResult ran = new ActionResult(ActionStatus.OK, 0, 12L, new Output("hello\n", 6, false),
                new Output("", 0, true), List.of(new Change("write", "/tmp/x", null, 3L, "/var/backup/1")), data, null,
                List.of(new ActionResult.CheckedPrecondition("path_exists", "/tmp/x exists", true, "it does")),
                new Preview("would write 3 bytes", "+x"));
        ActionResult failed = ActionResult.of(ActionStatus.FAILED, "exit 3");
        return new RunOutcome(RunStatus.FAILED, "a goal", "actionplan", "pd", "cd", "alice", List.of("one", "two"),
                List.of(new ActionReport("a1", "write_file", "because", Danger.LOW,
                                decision("a1", Verdict.ALLOW, new ResourceLimits(1L << 30, 50, null),
                                        new Scope(List.of("/tmp"), List.of("/etc/shadow"), true, true, List.of("/dev/null"), true)),
                                ran),
                        new ActionReport("a2", "exec", "then", Danger.HIGH, decision("a2", Verdict.CONFIRM, null, Scope.NONE), failed),
                        new ActionReport("a3", "exec", "never", null, decision("a3", Verdict.DENY, null, Scope.NONE), null)),
                "a2", List.of(new RecoveryReport("a1", new RecoveryStep.Undo(true), "ok", "restored")));
    }

    @Test
    void readsAnOutcomeAsTheMapperDoesWithThePlanIdBesideIt() throws Exception {
        ObjectNode wire = (ObjectNode) Json.tree(outcome());
        wire.put("plan_id", "p1");
        RunOutcome read = DaemonAnswers.outcome(wire);
        assertEquals(outcome(), read);
        assertEquals(Json.mapper().treeToValue(wire.deepCopy().without("plan_id"), RunOutcome.class), read);
        assertEquals(Json.write(outcome()), Json.write(read));
    }

    @Test
    void readsEachActionReportAsTheMapperDoes() throws Exception {
        for (ActionReport r : outcome().actions()) {
            JsonNode wire = Json.tree(r);
            assertEquals(Json.mapper().treeToValue(wire, ActionReport.class), DaemonAnswers.report(wire));
        }
    }

    @Test
    void saysTheAnswerHasAnUnexpectedShapeForAnUnknownStatus() {
        ObjectNode wire = (ObjectNode) Json.tree(outcome());
        wire.put("status", "exploded");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DaemonAnswers.outcome(wire));
        assertEquals("llm-osd answered in an unexpected shape: an unknown value \"exploded\"", e.getMessage());
    }
}
