package dev.llmos.engine.policy;

import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.testkit.NoteHandler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeciderTest {

    private final Plan plan = new PlanParser(ActionRegistry.of(List.of(new NoteHandler()))).parse("""
            {"version": 1, "mode": "actionplan", "goal": "g", "actions": [
              {"id": "a1", "type": "note", "reason": "r", "path": "/tmp/x", "text": "t"},
              {"id": "a2", "type": "note", "reason": "r", "path": "/tmp/y", "text": "t"}]}
            """);

    private static RuleOutput.Match match(String id, Verdict v, String rule) {
        return new RuleOutput.Match(id, v, rule, "why " + rule, "because " + rule, null);
    }

    @Test
    void denyBeatsConfirmBeatsAllowWhateverTheOrder() {
        var decisions = Decider.combine(plan, List.of(
                match("a1", Verdict.ALLOW, "allow-tmp"),
                match("a1", Verdict.DENY, "deny-x"),
                match("a1", Verdict.CONFIRM, "confirm-x"),
                match("a2", Verdict.ALLOW, "allow-tmp"),
                match("a2", Verdict.CONFIRM, "confirm-y")));
        assertEquals(new Decision("a1", Verdict.DENY, "deny-x", "why deny-x", "because deny-x", null,
                List.of(match("a1", Verdict.ALLOW, "allow-tmp"), match("a1", Verdict.DENY, "deny-x"),
                        match("a1", Verdict.CONFIRM, "confirm-x")), List.of(), List.of()), decisions.get("a1"));
        assertEquals(Verdict.CONFIRM, decisions.get("a2").verdict());
        assertEquals("confirm-y", decisions.get("a2").rule());
    }

    @Test
    void deniesAnActionNoRuleAllowed() {
        var decisions = Decider.combine(plan, List.of(match("a1", Verdict.ALLOW, "allow-tmp"),
                new RuleOutput.Require("a2", new PathExists("/tmp"), "needs-tmp")));
        assertEquals(new Decision("a2", Verdict.DENY, Decider.DEFAULT_DENY_RULE,
                "default deny: an action runs only when a rule allows it", "no rule allowed this action", null,
                List.of(), List.of(new PathExists("/tmp")), List.of()), decisions.get("a2"));
    }

    @Test
    void keepsEachPreconditionAndRecoveryStepOnce() {
        var decisions = Decider.combine(plan, List.of(match("a1", Verdict.ALLOW, "allow"),
                new RuleOutput.Require("a1", new DiskFree("/tmp", 1024), "r1"),
                new RuleOutput.Require("a1", new DiskFree("/tmp", 1024), "r2"),
                new RuleOutput.Recover("a1", new RecoveryStep.Undo(true), "r1"),
                new RuleOutput.Recover("a1", new RecoveryStep.Undo(true), "r2")));
        assertEquals(List.of(new DiskFree("/tmp", 1024)), decisions.get("a1").preconditions());
        assertEquals(List.of(new RecoveryStep.Undo(true)), decisions.get("a1").recovery());
    }

    @Test
    void grantsFromSeveralRulesAddUpIntoOneScope() {
        var decisions = Decider.combine(plan, List.of(match("a1", Verdict.ALLOW, "allow"),
                new RuleOutput.Grant("a1", Scope.writing("/srv/app"), "w"),
                new RuleOutput.Grant("a1", Scope.withNetwork(), "n"),
                new RuleOutput.Grant("a1", Scope.writing("/srv/app"), "w2"),
                match("a2", Verdict.ALLOW, "allow")));
        assertEquals(new Scope(List.of("/srv/app"), List.of(), true, false, List.of(), false), decisions.get("a1").scope());
        assertEquals("write /srv/app; no network; as the requester".replace("no network", "network"),
                decisions.get("a1").scope().describe());
        assertEquals(Scope.NONE, decisions.get("a2").scope());
    }
}
