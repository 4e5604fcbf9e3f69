package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyErrorsTest {

    @TempDir
    Path dir;

    @Test
    void namesTheAdminsFileAndLineOfASyntaxError() {
        Policies.drl(dir, "exec.drl", """
                rule "fine"
                when
                    $a : Cmd(program == "ls")
                then
                    policy.allow($a, "ok");
                end

                rule "broken"
                when
                    $a : Cmd(program == )
                then
                end
                """);
        assertEquals(List.of("exec.drl:14"), locations(load()));
    }

    @Test
    void reportsEveryBrokenFileEachAtItsOwnLine() {
        Policies.drl(dir, "a.drl", """
                rule "misspelt field"
                when
                    $a : Cmd(progam == "ls")
                then
                    policy.allow($a, "ok");
                end
                """);
        Policies.drl(dir, "net/b.drl", """

                rule "unknown method"
                when
                    $a : Cmd()
                then
                    policy.alow($a, "ok");
                end
                """);
        PolicyLoadException e = load();
        assertEquals(List.of("a.drl:7", "net/b.drl:10"), locations(e));
    }

    @Test
    void aMissingDirectoryIsAnError() {
        Path missing = dir.resolve("nope");
        assertEquals(List.of(new PolicyProblem(missing.toString(), 0, 0, "no policy directory " + missing, true)),
                assertThrows(PolicyLoadException.class, () -> Policies.load(missing)).problems());
    }

    @Test
    void aDirectoryWithoutDrlFilesIsAnError() throws Exception {
        Files.writeString(dir.resolve("README"), "rules go here");
        Policies.drl(dir, "tests/exec_test.drl", "");
        assertEquals(List.of(new PolicyProblem(dir.toString(), 0, 0, "no .drl files in " + dir, true)),
                assertThrows(PolicyLoadException.class, () -> Policies.load(dir)).problems());
    }

    @Test
    void aGlobalOfTheWrongTypeIsAnError() {
        Policies.write(dir, "exec.drl", """
                package test;
                global java.util.List policy;
                """);
        assertEquals(List.of(new PolicyProblem(dir.toString(), 0, 0,
                        "package test declares global policy as java.util.List; it must be dev.llmos.rules.PolicyActions", true)),
                load().problems());
    }

    private PolicyLoadException load() {
        return assertThrows(PolicyLoadException.class, () -> Policies.load(dir));
    }

    /** file:line of every error, which is what an admin needs to find it. */
    private static List<String> locations(PolicyLoadException e) {
        return e.problems().stream().filter(PolicyProblem::error).map(p -> p.file() + ":" + p.line()).toList();
    }
}
