package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.rules.fixtures.CmdHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicyCheckTest {

    @TempDir
    Path dir;

    @Test
    void aCleanPolicyHasNoProblems() {
        Policies.drl(dir, "exec.drl", """
                rule "ls" @id("exec.ls") @justification("reads only")
                when $a : Cmd(program == "ls") then policy.allow($a, "reads"); end
                rule "undo writes" @id("files.undo") @justification("a failed plan puts files back")
                when $a : Put() then policy.undo($a, true); end
                """);
        assertEquals(List.of(), PolicyCheck.check(dir));
    }

    @Test
    void aRuleThatOnlyLimitsAProcessRecordsSomething() {
        Policies.drl(dir, "limits.drl", """
                rule "cap" @id("limits.cap") @justification("forks stop at 64")
                when $a : Cmd() then policy.limitPids($a, 64); policy.limitMemory($a, 1048576L); end
                """);
        assertEquals(List.of(), PolicyCheck.check(dir));
    }

    @Test
    void warnsAboutARuleThatRecordsNothing() {
        Policies.drl(dir, "exec.drl", """
                rule "forgetful" @id("exec.forgetful") @justification("meant to allow ls")
                when
                    $a : Cmd(program == "ls")
                then
                    // policy.allow($a, "commented out");
                    System.out.println("ls");
                end
                """);
        assertEquals(List.of(new PolicyProblem("exec.drl", 5, 0, "rule \"forgetful\" records nothing: its then block calls none of"
                + " policy.allow/confirm/deny (nor a precondition, recovery step or scope grant)", false)), PolicyCheck.check(dir));
    }

    @Test
    void warnsAboutAnIdUsedInTwoFiles() {
        Policies.drl(dir, "a.drl", """
                rule "one" @id("same") @justification("j")
                when $a : Cmd() then policy.allow($a, "a"); end
                """);
        Policies.drl(dir, "b.drl", """

                rule "two" @id("same") @justification("j")
                when $a : Cmd() then policy.allow($a, "b"); end
                """);
        assertEquals(List.of(new PolicyProblem("b.drl", 6, 0, "rule id \"same\" is also used at a.drl:5;"
                + " decisions would not say which of the two rules decided", false)), PolicyCheck.check(dir));
    }

    @Test
    void warnsAboutANameUsedTwiceWithoutIds() {
        Policies.drl(dir, "a.drl", """
                rule "dup" @justification("j")
                when $a : Cmd() then policy.allow($a, "a"); end
                """);
        Policies.write(dir, "b.drl", """
                package other;
                import dev.llmos.rules.fixtures.Cmd;
                global dev.llmos.rules.PolicyActions policy;
                rule "dup" @justification("j")
                when $a : Cmd() then policy.allow($a, "b"); end
                """);
        assertEquals(List.of(new PolicyProblem("b.drl", 4, 0, "rule name \"dup\" is also used at a.drl:5;"
                + " decisions would not say which of the two rules decided", false)), PolicyCheck.check(dir));
    }

    @Test
    void warnsAboutStrOperatorsAndMissingJustifications() {
        Policies.drl(dir, "files.drl", """
                rule "etc" @id("etc")
                when $a : Cmd(path str[startsWith] "/etc/") then policy.confirm($a, "etc"); end
                """);
        assertEquals(List.of(
                new PolicyProblem("files.drl", 5, 0, "rule \"etc\" has no @justification to show the person who confirms", false),
                new PolicyProblem("files.drl", 6, 20, DrlText.STR_WARNING, false)), PolicyCheck.check(dir));
    }

    @Test
    void reportsCompileErrorsAsFileAndLine() {
        Policies.drl(dir, "exec.drl", """
                rule "bad" @id("bad") @justification("j")
                when $a : Cmd(program = "ls") then policy.allow($a, "x"); end
                """);
        List<String> errors = PolicyCheck.check(dir).stream().filter(PolicyProblem::error)
                .map(p -> p.file() + ":" + p.line()).toList();
        assertEquals(List.of("exec.drl:6"), errors);
    }

    @Test
    void warnsAboutARuleThatMatchesAFactPolicyNeverInserts() {
        Policies.drl(dir, "files.drl", """
                rule "puts" @id("files.put") @justification("j")
                when $a : Put() then policy.allow($a, "put"); end
                """);
        assertEquals(List.of(new PolicyProblem("files.drl", 5, 0, "rule \"puts\" matches Put, which policy never inserts,"
                + " so the rule never fires; facts are PlanFact (the plan), Requester (the requester), HostFacts (the host), PolicyCatalog (the catalogues),"
                + " Cmd (exec)", false)), PolicyCheck.check(dir, getClass().getClassLoader(), CmdHandler.registry()));
    }

    @Test
    void factsMatchedThroughFromOrAnInterfaceAreNotFlagged() {
        Policies.drl(dir, "exec.drl", """
                rule "any" @id("any") @justification("j")
                when $a : dev.llmos.engine.spi.ActionFact() $w : String(this == "-rf") from ((Cmd) $a).argv
                then policy.deny($a, "rf"); end
                """);
        assertEquals(List.of(), PolicyCheck.check(dir, getClass().getClassLoader(), CmdHandler.registry()));
    }

    @Test
    void warnsAboutAnActionTypeNameNoActionHas() {
        Policies.drl(dir, "exec.drl", """
                rule "installs" @id("pkg.install") @justification("j")
                when
                    $a : Cmd(type == "install_package")
                then policy.confirm($a, "install"); end
                """);
        assertEquals(List.of(new PolicyProblem("exec.drl", 7, 0, "rule \"installs\" names action type \"install_package\","
                + " which no action has (known: exec)", false)),
                PolicyCheck.check(dir, getClass().getClassLoader(), CmdHandler.registry()));
    }

    @Test
    void warnsAboutANameUsedInTwoFilesEvenWithDifferentIds() {
        Policies.drl(dir, "a.drl", """
                rule "same name" @id("a.one") @justification("j")
                when $a : Cmd() then policy.allow($a, "a"); end
                """);
        Policies.write(dir, "b.drl", """
                package other;
                import dev.llmos.rules.fixtures.Cmd;
                global dev.llmos.rules.PolicyActions policy;
                rule "same name" @id("b.one") @justification("j")
                when $a : Cmd() then policy.allow($a, "b"); end
                """);
        assertEquals(List.of(new PolicyProblem("b.drl", 4, 0, "rule name \"same name\" is also used at a.drl:5;"
                + " give each rule its own name so reviews and logs are unambiguous", false)), PolicyCheck.check(dir));
    }

    @Test
    void reportsAMissingDirectory() {
        Path missing = dir.resolve("none");
        assertEquals(List.of(new PolicyProblem(missing.toString(), 0, 0, "no policy directory " + missing, true)),
                PolicyCheck.check(missing));
    }
}
