package dev.llmos.actions.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExecHandlerTest {

    private final ExecHandler handler = new ExecHandler();

    @TempDir
    Path state;

    private ActionOutcome run(List<String> argv) {
        return handler.execute(new ExecParams(argv, null, null, null, null), TestContexts.exec(state));
    }

    private static JsonNode data(String program) {
        return Json.mapper().createObjectNode().put("program", program).put("uid", TestContexts.SELF.uid())
                .put("confined", true);
    }

    private static Output out(String text) {
        return new Output(text, text.length(), false);
    }

    /** also proves setsid exec'd in place: had it forked, we would see its own exit status 0. */
    @Test
    void capturesStdoutStderrAndTheExitCode() {
        assertEquals(new ActionOutcome(false, 3, out("out\n"), out("err\n"), List.of(), data("/bin/sh"), null, "exit code 3"),
                run(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3")));
    }

    @Test
    void succeedsWithExitCodeZero() {
        assertEquals(new ActionOutcome(true, 0, out("hello\n"), Output.EMPTY, List.of(), data("/bin/echo"), null, null),
                run(List.of("/bin/echo", "hello")));
    }

    @Test
    void passesArgvLiterallyWithoutAShell() {
        assertEquals(out("$HOME;ls `id` | cat\n"), run(List.of("/bin/echo", "$HOME;ls `id` | cat")).stdout());
    }

    @Test
    void findsAProgramOnTheFixedSafePathOnly() {
        String expected = null;
        for (String dir : List.of("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
            if (expected == null && Files.isExecutable(Path.of(dir, "sh"))) {
                expected = dir + "/sh";
            }
        }
        assertEquals(data(expected), run(List.of("sh", "-c", "true")).data());
    }

    @Test
    void reportsAProgramThatIsNotFound() {
        assertEquals(ActionOutcome.failure("program no-such-program-llmos not found on "
                        + "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),
                run(List.of("no-such-program-llmos")));
    }

    @Test
    void runsInTheGivenWorkingDirectory(@TempDir Path dir) throws Exception {
        ActionOutcome outcome = handler.execute(new ExecParams(List.of("/bin/pwd"), dir.toString(), null, null, null),
                TestContexts.exec(state));
        assertEquals(out(dir.toRealPath() + "\n"), outcome.stdout());
    }

    @Test
    void failsClearlyWhenTheWorkingDirectoryIsMissing(@TempDir Path dir) {
        String missing = dir.resolve("gone").toString();
        assertEquals(ActionOutcome.failure("cwd " + missing + " does not exist"),
                handler.execute(new ExecParams(List.of("/bin/pwd"), missing, null, null, null), TestContexts.exec(state)));
    }

    @Test
    void refusesAnEmptyArgvThatBypassedTheSchema() {
        assertEquals(ActionOutcome.failure("invalid exec: argv must start with a non-empty program name"),
                run(List.of()));
    }

    @Test
    void truncatesOutputAtTheCapAndCountsEverything() {
        ExecContext small = TestContexts.exec(state, new Limits(10, 60, 3600, 65536));
        ActionOutcome outcome = handler.execute(new ExecParams(List.of("/usr/bin/printf", "%0100d", "0"), null, null,
                null, null), small);
        assertEquals(new Output("0".repeat(10), 100, true), outcome.stdout());
    }

    @Test
    void drainsALargeOutputWithoutBlockingTheChild() {
        ActionOutcome outcome = run(List.of("/usr/bin/head", "-c", "5000000", "/dev/zero"));
        assertEquals(List.of(true, new Output("\0".repeat(65536), 5_000_000, true)), List.of(outcome.ok(), outcome.stdout()));
    }

    /** the first process of a pid namespace of its own is bwrap's reaper; on the host it is init. */
    @Test
    void runsInAPidNamespaceOfItsOwn() {
        assertEquals(out("bwrap\n"), run(List.of("/bin/cat", "/proc/1/comm")).stdout());
    }

    @Test
    void readsNothingFromStdin() {
        assertEquals(out(""), run(List.of("/bin/cat")).stdout());
    }

    @Test
    void hasNoEnvironmentBeyondTheAllowlistAndTheFixedPath() {
        // surefire puts these in our own environment (see pom.xml); the child must see neither
        assertEquals(List.of("libc.so.6", "must-not-leak"),
                List.of(System.getenv("LD_PRELOAD"), System.getenv("LLMOS_TEST_PARENT_ONLY")));
        assertEquals(expectedEnv(Map.of()), childEnv(Map.of()));
    }

    @Test
    void addsThePlansVariablesButDropsLoaderHooksEvenWhenTheSchemaWasBypassed() {
        Map<String, String> plan = Map.of("GREETING", "hi there", "LD_PRELOAD", "/tmp/evil.so", "BASH_ENV", "/tmp/x",
                "PATH", "/tmp", "NODE_OPTIONS", "--require /tmp/x.js");
        assertEquals(expectedEnv(Map.of("GREETING", "hi there")), childEnv(plan));
    }

    private Map<String, String> childEnv(Map<String, String> planEnv) {
        String text = handler.execute(new ExecParams(List.of("/usr/bin/env"), null, null, null, planEnv),
                TestContexts.exec(state)).stdout().text();
        Map<String, String> env = new java.util.TreeMap<>();
        text.lines().forEach(line -> env.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1)));
        return env;
    }

    private static Map<String, String> expectedEnv(Map<String, String> extra) {
        Map<String, String> env = new java.util.TreeMap<>();
        for (String name : List.of("HOME", "LANG", "LC_ALL", "LC_CTYPE", "TERM", "TZ", "USER", "LOGNAME")) {
            if (System.getenv(name) != null) {
                env.put(name, System.getenv(name));
            }
        }
        env.put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        // bwrap sets PWD to the directory it starts the program in: the plan's cwd, / when it gives none
        env.put("PWD", "/");
        env.putAll(extra);
        return env;
    }

    @Test
    void doesNotWaitForABackgroundChildThatHoldsThePipe() throws Exception {
        // the background sleep inherits stdout; only ending it lets the read end
        String marker = Processes.marker();
        ActionOutcome outcome = run(List.of("/bin/sh", "-c", "sleep " + marker + " & echo started"));
        assertEquals(List.of(true, "started\n", List.of()),
                List.of(outcome.ok(), outcome.stdout().text(), Processes.survivors(marker)));
    }

    @Test
    void aTimeoutKillsTheWholeTreeIncludingGrandchildren() throws Exception {
        String marker = Processes.marker();
        ActionOutcome outcome = handler.execute(new ExecParams(List.of("/bin/sh", "-c", "sleep " + marker + " & echo started; wait"),
                null, 1, null, null), TestContexts.exec(state));
        assertEquals(new ActionOutcome(false, 143, out("started\n"), Output.EMPTY, List.of(), data("/bin/sh"), null,
                "timed out after 1 s; process group killed"), outcome);
        assertEquals(List.of(), Processes.survivors(marker));
    }

    /** the sandbox's monitor takes the TERM and its pid namespace goes with it, whatever the program ignores. */
    @Test
    void aTimeoutEndsAProgramThatIgnoresSigterm() throws Exception {
        String marker = Processes.marker();
        ActionOutcome outcome = handler.execute(new ExecParams(
                List.of("/bin/sh", "-c", "trap '' TERM; sleep " + marker + " & echo started; while :; do sleep 1; done"), null, 1, null, null),
                TestContexts.exec(state));
        assertEquals(List.of("started\n", "timed out after 1 s; process group killed", List.of()),
                List.of(outcome.stdout().text(), outcome.error(), Processes.survivors(marker)));
    }
}
