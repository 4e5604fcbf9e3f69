package dev.llmos.cli;

import dev.llmos.engine.json.Json;
import dev.llmos.daemon.client.DaemonClient;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** llm-osd across its life: a crash in the middle of a plan, and systemd handing it its socket. */
class DaemonLifecycleTest {

    @TempDir
    Path tmp;

    /** an argument no other process on the machine uses, so the test can find its own sleeper. */
    private static final String SLEEP = "31.4159";

    @Test
    void afterKillNineMidPlanAndARestartStatusShowsTheInterruptedPlan() throws Exception {
        Path precious = tmp.resolve("precious.conf");
        Files.writeString(precious, "original settings\n");
        String plan = Plans.plan(Plans.write("a1", precious, "new settings\n"), Plans.exec("a2", "sleep", SLEEP),
                Plans.exec("a3", "echo", "never"));
        String planId;
        DaemonProcess first = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"));
        try (DaemonClient c = DaemonClient.connect(first.socket)) {
            planId = c.call("plan.submit", DaemonProcessTest.submitTo(plan)).get("plan_id").asText();
            Thread.ofVirtual().start(() -> {
                try (DaemonClient runner = DaemonClient.connect(first.socket)) {
                    runner.call("plan.execute", Json.mapper().createObjectNode().put("plan_id", planId));
                } catch (Exception expected) {
                    // the daemon dies under this call
                }
            });
            Path journal = first.state.resolve("journal/" + planId + ".jsonl");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!(Files.exists(journal) && Files.readString(journal).contains("\"action\":\"a2\",\"state\":\"running\""))
                    && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            first.kill9();
        } finally {
            killSleepers();
        }
        assertEquals("new settings\n", Files.readString(precious), "a1 finished before the crash, and whole");
        try (Stream<Path> leftovers = Files.list(tmp)) {
            assertEquals(List.of("cache", "d", "precious.conf"), leftovers.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temp file is left next to the target");
        }
        try (DaemonProcess second = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"))) {
            Cli.Result r = Cli.in(tmp.resolve("cli")).env("LLMOS_SOCKET", second.socket.toString()).run("status");
            assertEquals(0, r.code(), r.out() + r.err());
            assertEquals(List.of(
                    "INTERRUPTED " + planId + "  a test plan",
                    "  was on step 2 (a2) when llm-osd stopped",
                    "  completed: a1",
                    "  recovery for a1: undo (restore what the action changed) (automatic)"),
                    r.out().lines().filter(l -> !l.startsWith("  by ")).limit(4).toList());
            Cli.Result asked = Cli.in(tmp.resolve("cli")).env("LLMOS_SOCKET", second.socket.toString()).run("recover", planId);
            assertEquals(1, asked.code(), "nobody at a terminal to say yes: " + asked.out());
            assertEquals("new settings\n", Files.readString(precious), "nothing ran without a yes");
            Cli.Result recovered = Cli.in(tmp.resolve("cli")).env("LLMOS_SOCKET", second.socket.toString()).run("recover", "--yes", planId);
            assertEquals(0, recovered.code(), recovered.out() + recovered.err());
            assertEquals("original settings\n", Files.readString(precious), "a1 undone from the journal's undo data");
            Cli.Result after = Cli.in(tmp.resolve("cli")).env("LLMOS_SOCKET", second.socket.toString()).run("status");
            assertTrue(after.out().startsWith("no interrupted plans"), after.out());
            assertTrue(Files.readAllLines(second.state.resolve("audit.jsonl")).stream()
                    .anyMatch(l -> l.contains("\"type\":\"plan.recover\"") && l.contains(planId)), "the recovery is audited");
        }
    }

    private static void killSleepers() {
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> a.length == 1 && a[0].equals(SLEEP)).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void takesTheSocketSystemdHandsItAndExitsWhenIdle() throws Exception {
        String python = "/usr/bin/python3";
        Assumptions.assumeTrue(Files.isExecutable(Path.of(python)), "needs /usr/bin/python3 (.ci/run installs it) to hold a socket on fd 0");
        Path dir = Files.createDirectories(tmp.resolve("sd"));
        Path socket = dir.resolve("run/llm-osd.sock");
        Files.createDirectories(socket.getParent());
        Files.writeString(dir.resolve("config.json"), "{}");
        // as systemd does with StandardInput=socket: bind and listen, put the socket on fd 0, exec the daemon
        String script = "import os,socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(16)\n"
                + "os.dup2(s.fileno(), 0)\n"
                + "os.execv(sys.argv[2], sys.argv[2:])\n";
        List<String> command = new java.util.ArrayList<>(List.of(python, "-c", script, socket.toString()));
        command.addAll(DaemonProcess.java("dev.llmos.cli.Llmosd"));
        List<String> args = DaemonProcess.args(dir, tmp.resolve("cache"), "--inherited", "--idle-exit", "2");
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("llm-osd.log").toFile())).start();
        DaemonProcess d = DaemonProcess.adopt(dir, socket, p);
        try (DaemonClient c = DaemonClient.connect(socket)) {
            assertTrue(c.call("actions.list", null).get("actions").size() >= 4);
        }
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "exits after its idle window");
        assertEquals(0, p.exitValue());
        assertTrue(Files.readString(d.log).contains("llm-osd: stopped (idle)"), Files.readString(d.log));
    }
}
