package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.rules.fixtures.Cmd;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** drools-mvel 10.2.0 throws NoSuchMethodError from a jitted {@code str[...]} constraint after ~20 evaluations. */
class StrOperatorGuardTest {

    @TempDir
    Path dir;

    @Test
    void aPolicyUsingStrOperatorsSurvivesFiveThousandEvaluations() {
        Policies.drl(dir, "files.drl", """
                rule "etc needs a person" @id("etc")
                when
                    $a : Cmd(path str[startsWith] "/etc/")
                then
                    policy.confirm($a, "touches /etc");
                end
                """);
        DroolsPolicy policy = Policies.load(dir);
        PolicyRequest etc = Policies.request(Cmd.of("a1", 0, "cat", "/etc/hosts"));
        PolicyRequest tmp = Policies.request(Cmd.of("a1", 0, "cat", "/tmp/hosts"));
        List<RuleOutput> expected = List.of(new RuleOutput.Match("a1", Verdict.CONFIRM, "etc", null, "touches /etc", null));
        for (int i = 0; i < 5_000; i++) {
            assertEquals(expected, policy.evaluate(etc));
            assertEquals(List.of(), policy.evaluate(tmp));
        }
    }

    @Test
    void aPolicyUsingStrOperatorsLoadedFromTheDiskCacheKeepsJittingOff(@TempDir Path cache) {
        Policies.drl(dir, "files.drl", """
                rule "etc needs a person" @id("etc")
                when
                    $a : Cmd(path str[startsWith] "/etc/")
                then
                    policy.confirm($a, "touches /etc");
                end
                """);
        DroolsPolicy.load(dir, PolicyCache.isolated(cache));
        PolicyCache fresh = PolicyCache.isolated(cache);
        DroolsPolicy policy = DroolsPolicy.load(dir, fresh);
        PolicyRequest etc = Policies.request(Cmd.of("a1", 0, "cat", "/etc/hosts"));
        List<RuleOutput> expected = List.of(new RuleOutput.Match("a1", Verdict.CONFIRM, "etc", null, "touches /etc", null));
        for (int i = 0; i < 500; i++) {
            assertEquals(expected, policy.evaluate(etc));
        }
        assertEquals(List.of(1, true), List.of(fresh.diskLoads(), policy.compiled().jitDisabled()));
    }

    @Test
    void aPolicyUsingStrOperatorsGetsAWarningAtEachUse() {
        Policies.drl(dir, "files.drl", """
                rule "etc" @id("etc")
                when
                    // a comment mentioning str[startsWith] does not count
                    $a : Cmd(path str[startsWith] "/etc/" || path str [endsWith] ".conf")
                then
                    policy.confirm($a, "touches /etc");
                end
                """);
        DroolsPolicy policy = Policies.load(dir);
        assertEquals(List.of(new PolicyProblem("files.drl", 8, 19, DrlText.STR_WARNING, false)), policy.warnings());
        assertEquals(true, policy.compiled().jitDisabled());
    }

    @Test
    void aPolicyWithoutStrOperatorsKeepsJitting() {
        Policies.drl(dir, "files.drl", """
                rule "etc" @id("etc")
                when
                    $a : Cmd(path != null, path.startsWith("/etc/"))
                then
                    policy.confirm($a, "touches /etc");
                end
                """);
        DroolsPolicy policy = Policies.load(dir);
        assertEquals(List.of(), policy.warnings());
        assertEquals(false, policy.compiled().jitDisabled());
    }
}
