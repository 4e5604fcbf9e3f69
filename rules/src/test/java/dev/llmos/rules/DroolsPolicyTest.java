package dev.llmos.rules;

import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.DiskFree;
import dev.llmos.engine.policy.PathExists;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.rules.fixtures.Cmd;
import dev.llmos.rules.fixtures.Put;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DroolsPolicyTest {

    @TempDir
    Path dir;

    @Test
    void recordsVerdictWithRuleIdAndJustification() {
        Policies.drl(dir, "exec.drl", """
                rule "allow ls"
                    @id("exec.ls") @justification("listing a directory only reads")
                when
                    $a : Cmd(program == "ls")
                then
                    policy.allow($a, "ls only reads");
                end
                """);
        List<RuleOutput> out = Policies.load(dir).evaluate(Policies.request(Cmd.of("a1", 0, "ls", "/tmp")));
        assertEquals(List.of(new RuleOutput.Match("a1", Verdict.ALLOW, "exec.ls", "listing a directory only reads",
                "ls only reads", null)), out);
    }

    @Test
    void usesTheRuleNameWhenTheRuleHasNoId() {
        Policies.drl(dir, "exec.drl", """
                rule "confirm everything"
                when
                    $a : Cmd()
                then
                    policy.confirm($a, "someone should look");
                end
                """);
        List<RuleOutput> out = Policies.load(dir).evaluate(Policies.request(Cmd.of("a1", 0, "uptime")));
        assertEquals(List.of(new RuleOutput.Match("a1", Verdict.CONFIRM, "confirm everything", null, "someone should look", null)),
                out);
    }

    @Test
    void recordsDenyWithAlternative() {
        Policies.drl(dir, "exec.drl", """
                rule "no recursive rm of root"
                    @id("exec.rm-root") @justification("deleting / destroys the system")
                when
                    $a : Cmd(program == "rm", argv contains "-rf", argv contains "/")
                then
                    policy.deny($a, "recursive delete of /", "delete the specific directory you mean");
                end
                rule "rm needs a person"
                    @id("exec.rm")
                when
                    $a : Cmd(program == "rm")
                then
                    policy.deny($a, "rm is not allowed");
                end
                """);
        List<RuleOutput> out = Policies.load(dir).evaluate(Policies.request(Cmd.of("a1", 0, "rm", "-rf", "/")));
        assertEquals(List.of(
                new RuleOutput.Match("a1", Verdict.DENY, "exec.rm-root", "deleting / destroys the system",
                        "recursive delete of /", "delete the specific directory you mean"),
                new RuleOutput.Match("a1", Verdict.DENY, "exec.rm", null, "rm is not allowed", null)), sorted(out));
    }

    @Test
    void recordsPreconditionsAndRecoverySteps() throws Exception {
        Policies.drl(dir, "files.drl", """
                rule "writes can be undone"
                    @id("files.undo")
                when
                    $a : Put()
                then
                    policy.requirePath($a, "/etc");
                    policy.requireDiskFree($a, "/etc", 1048576L);
                    policy.undo($a, true);
                    policy.recoverExec($a, false, "systemctl", "restart", "nginx");
                end
                """);
        List<RuleOutput> out = Policies.load(dir).evaluate(Policies.request(Put.of("w1", 0, "/etc/nginx/nginx.conf")));
        assertEquals(List.of(
                new RuleOutput.Require("w1", new PathExists("/etc"), "files.undo"),
                new RuleOutput.Require("w1", new DiskFree("/etc", 1048576L), "files.undo"),
                new RuleOutput.Recover("w1", new RecoveryStep.Undo(true), "files.undo"),
                new RuleOutput.Recover("w1", new RecoveryStep.RunAction(
                        Json.mapper().readTree("{\"type\":\"exec\",\"argv\":[\"systemctl\",\"restart\",\"nginx\"]}"), false),
                        "files.undo")), out);
    }

    @Test
    void rulesSeeThePlanTheRequesterAndTheHost() {
        Policies.drl(dir, "context.drl", """
                import dev.llmos.rules.PlanFact;
                import dev.llmos.engine.host.Requester;
                import dev.llmos.engine.host.HostFacts;
                rule "apt hosts let adm users run two-step plans"
                    @id("ctx")
                when
                    PlanFact(actionCount == 2, types contains "write_file", mode == "actionplan")
                    Requester(user == "alice", groups contains "adm")
                    HostFacts(packageManager == "apt")
                    $a : Cmd()
                then
                    policy.allow($a, "context matched");
                end
                """);
        List<RuleOutput> out = Policies.load(dir).evaluate(
                Policies.request(Cmd.of("a1", 0, "ls"), Put.of("w1", 1, "/tmp/x")));
        assertEquals(List.of(new RuleOutput.Match("a1", Verdict.ALLOW, "ctx", null, "context matched", null)), out);
    }

    @Test
    void rulesRelateActionsByPlanOrder() {
        Policies.drl(dir, "plan.drl", """
                rule "write then run"
                    @id("plan.write-then-exec")
                when
                    $w : Put()
                    $a : Cmd(index > $w.index, argv contains $w.realPath)
                then
                    policy.deny($a, "runs " + $w.realPath + ", written by " + $w.id() + " earlier in the plan");
                end
                """);
        List<RuleOutput> out = Policies.load(dir).evaluate(Policies.request(
                Cmd.of("a0", 0, "sh", "/tmp/run.sh"), Put.of("w1", 1, "/tmp/run.sh"), Cmd.of("a2", 2, "sh", "/tmp/run.sh")));
        assertEquals(List.of(new RuleOutput.Match("a2", Verdict.DENY, "plan.write-then-exec", null,
                "runs /tmp/run.sh, written by w1 earlier in the plan", null)), out);
    }

    @Test
    void listsRulesWithTheirFileLineAndJustification() {
        Policies.drl(dir, "b.drl", """
                rule "second"
                    @id("b.second") @justification("why b")
                when
                    $a : Cmd()
                then
                    policy.allow($a, "b");
                end
                """);
        Policies.drl(dir, "a.drl", """
                rule 'first'
                when
                    $a : Cmd()
                then
                    policy.allow($a, "a");
                end
                """);
        assertEquals(List.of(
                new RuleInfo("first", "first", "test", "a.drl", 5, null),
                new RuleInfo("b.second", "second", "test", "b.drl", 5, "why b")), Policies.load(dir).rules());
    }

    @Test
    void traceReportsRulesThatFiredButRecordedNothing() {
        Policies.drl(dir, "exec.drl", """
                rule "just looking"
                    @id("look")
                when
                    Cmd()
                then
                end
                rule "allow"
                    @id("allow")
                when
                    $a : Cmd()
                then
                    policy.allow($a, "fine");
                end
                """);
        Evaluation e = Policies.load(dir).trace(Policies.request(Cmd.of("a1", 0, "ls")));
        assertEquals(List.of("allow", "look"), e.fired().stream().sorted().toList());
        assertEquals(List.of(new RuleOutput.Match("a1", Verdict.ALLOW, "allow", null, "fine", null)), e.outputs());
    }

    @Test
    void aRuleThatThrowsFailsTheWholeEvaluation() {
        Policies.drl(dir, "exec.drl", """
                rule "sloppy"
                when
                    $a : Cmd()
                then
                    policy.allow($a, null);
                end
                """);
        DroolsPolicy policy = Policies.load(dir);
        PolicyEvaluationException e = assertThrows(PolicyEvaluationException.class,
                () -> policy.evaluate(Policies.request(Cmd.of("a1", 0, "ls"))));
        assertTrue(e.getMessage().contains("needs a reason"), e.getMessage());
    }

    @Test
    void rulesThatKeepTriggeringEachOtherFailTheEvaluation() {
        Policies.drl(dir, "exec.drl", """
                rule "loops"
                when
                    $a : Cmd()
                then
                    insert(Cmd.of("again", 0, "ls"));
                end
                """);
        DroolsPolicy policy = Policies.load(dir);
        PolicyEvaluationException e = assertThrows(PolicyEvaluationException.class,
                () -> policy.evaluate(Policies.request(Cmd.of("a1", 0, "ls"))));
        assertTrue(e.getMessage().contains("fired " + DroolsPolicy.MAX_FIRINGS + " times"), e.getMessage());
    }

    @Test
    void loadsSubfoldersButNeitherTestsNorDotFiles() {
        Policies.drl(dir, "net/exec.drl", """
                rule "from a subfolder"
                when
                    $a : Cmd()
                then
                    policy.allow($a, "sub");
                end
                """);
        Policies.write(dir, "tests/broken.drl", "this is not drl");
        Policies.write(dir, ".#exec.drl", "neither is this");
        DroolsPolicy policy = Policies.load(dir);
        assertEquals(List.of(new RuleInfo("from a subfolder", "from a subfolder", "test", "net/exec.drl", 5, null)),
                policy.rules());
    }

    private static List<RuleOutput> sorted(List<RuleOutput> out) {
        return out.stream().sorted(java.util.Comparator.comparing(RuleOutput::rule).reversed()).toList();
    }
}
