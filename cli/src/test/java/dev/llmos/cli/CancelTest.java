package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * stopping a plan while its step runs: plan.cancel, ctrl-c (SIGINT to a real llmsh, embedded and
 * through the daemon) and SIGTERM to the daemon. each time the step's process is gone, the file
 * the first step changed is restored by the automatic recovery, and the audit says cancelled.
 */
class CancelTest {

    @TempDir
    static Path tmp;

    static DaemonProcess daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        daemon = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    /** a plan that changes {@code file} (undoable), then sleeps with an argument no other process uses. */
    private static String plan(Path file, String sleep) throws Exception {
        Files.writeString(file, "original\n");
        return Plans.plan(Plans.write("a1", file, "changed\n"), Plans.exec("a2", "sleep", sleep), Plans.exec("a3", "echo", "never"));
    }

    private static List<ProcessHandle> sleepers(String arg) {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(a -> a.length == 1 && a[0].equals(arg)).orElse(false)).toList();
    }

    private static void awaitSleeper(String arg) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (sleepers(arg).isEmpty()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the step never started: no sleep " + arg);
            }
            Thread.sleep(20);
        }
    }

    private static void assertStoppedAndRecovered(Path file, String sleep) throws Exception {
        try {
            assertEquals(List.of(), sleepers(sleep), "no process outlives its plan");
            assertEquals("original\n", Files.readString(file), "the automatic recovery restored what a1 changed");
        } finally {
            sleepers(sleep).forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static Process llmsh(Path work, List<String> args) throws Exception {
        List<String> command = DaemonProcess.java("dev.llmos.cli.Llmsh");
        command.addAll(List.of("--policy", Cli.SHIPPED_POLICY.toString(), "--state", work.resolve("state").toString(),
                "--cache", tmp.resolve("cache").toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectOutput(work.resolve("out.txt").toFile())
                .redirectError(work.resolve("err.txt").toFile()).start();
    }

    private static void sigint(Process p) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor());
    }

    @Test
    void planCancelStopsTheRunningStepAndRunsTheRecovery() throws Exception {
        Path file = tmp.resolve("cancel.conf");
        String sleep = "31.41591";
        try (DaemonClient c = DaemonClient.connect(daemon.socket); DaemonClient other = DaemonClient.connect(daemon.socket)) {
            String id = c.call(Method.PLAN_SUBMIT, new Params.Submit(Json.mapper().readTree(plan(file, sleep)))).get("plan_id").asText();
            CompletableFuture<JsonNode> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return c.call(Method.PLAN_EXECUTE, new Params.Execute(id, null));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            awaitSleeper(sleep);
            assertEquals("cancelling", other.call(Method.PLAN_CANCEL, new Params.PlanRef(id)).get("state").asText());
            JsonNode outcome = run.get(60, TimeUnit.SECONDS);
            assertEquals(List.of("cancelled", "ok", "cancelled", "skipped", "ran"),
                    List.of(outcome.get("status").asText(), outcome.at("/actions/0/result/status").asText(),
                            outcome.at("/actions/1/result/status").asText(), outcome.at("/actions/2/result/status").asText(),
                            outcome.at("/recovery/0/status").asText()), outcome.toString());
            assertEquals("cancelled", other.call(Method.PLAN_STATUS, new Params.Status(id)).at("/plans/0/state").asText());
        }
        assertStoppedAndRecovered(file, sleep);
        List<String> audit = Files.readAllLines(daemon.state.resolve("audit.jsonl"));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"type\":\"plan.cancel\"") && l.contains("\"status\":\"cancelling\"")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"type\":\"plan.ended\"") && l.contains("\"status\":\"cancelled\"")));
        assertTrue(audit.stream().anyMatch(l -> l.contains("\"type\":\"step.started\"") && l.contains("cancel.conf")));
    }

    @Test
    void ctrlCOnAnEmbeddedRunStopsTheStepRecoversAndExits130() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("embedded"));
        Path file = work.resolve("embedded.conf");
        String sleep = "31.41592";
        Process p = llmsh(work, List.of("--embedded", "run", "--yes", Plans.file(work, plan(file, sleep))));
        awaitSleeper(sleep);
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "llmsh exits after recovering");
        String out = Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), out + Files.readString(work.resolve("err.txt")));
        assertTrue(out.contains("cancelled: stopped at a2; nothing after it ran"), out);
        assertStoppedAndRecovered(file, sleep);
        assertTrue(Files.readAllLines(work.resolve("state/audit.jsonl")).stream()
                .anyMatch(l -> l.contains("\"type\":\"plan.ended\"") && l.contains("\"status\":\"cancelled\"")), "audited as cancelled");
    }

    @Test
    void ctrlCOnARunThroughTheDaemonCancelsItThere() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("via-daemon"));
        Path file = work.resolve("daemon.conf");
        String sleep = "31.41593";
        Process p = llmsh(work, List.of("--socket", daemon.socket.toString(), "run", "--yes", Plans.file(work, plan(file, sleep))));
        awaitSleeper(sleep);
        sigint(p);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "llmsh exits after the daemon recovered");
        String out = Files.readString(work.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(130, p.exitValue(), out + Files.readString(work.resolve("err.txt")));
        assertTrue(out.contains("cancelled: stopped at a2; nothing after it ran"), out);
        assertStoppedAndRecovered(file, sleep);
        assertTrue(Files.readAllLines(daemon.state.resolve("audit.jsonl")).stream()
                .anyMatch(l -> l.contains("\"type\":\"plan.ended\"") && l.contains("\"status\":\"cancelled\"")));
    }

    @Test
    void sigtermToTheDaemonCancelsItsRunningPlansRecoversAndRemovesTheSocket() throws Exception {
        Path file = tmp.resolve("sigterm.conf");
        String sleep = "31.41594";
        DaemonProcess d = DaemonProcess.start(tmp.resolve("d2"), tmp.resolve("cache"));
        try (DaemonClient c = DaemonClient.connect(d.socket)) {
            String id = c.call(Method.PLAN_SUBMIT, new Params.Submit(Json.mapper().readTree(plan(file, sleep)))).get("plan_id").asText();
            Thread.ofVirtual().start(() -> {
                try {
                    c.call(Method.PLAN_EXECUTE, new Params.Execute(id, null));
                } catch (Exception stopping) {
                    // the daemon may close the connection as it exits
                }
            });
            awaitSleeper(sleep);
            d.process().destroy();
            assertTrue(d.process().waitFor(60, TimeUnit.SECONDS), "stops");
            assertStoppedAndRecovered(file, sleep);
            assertTrue(Files.notExists(d.socket), "the socket file is removed");
            String journal = Files.readString(d.state.resolve("journal/" + id + ".jsonl"));
            assertTrue(journal.contains("\"state\":\"ended\",\"status\":\"cancelled\""), journal);
            assertTrue(Files.readAllLines(d.state.resolve("audit.jsonl")).stream()
                    .anyMatch(l -> l.contains("\"type\":\"plan.ended\"") && l.contains("\"status\":\"cancelled\"")), "audited");
        } finally {
            d.close();
        }
    }
}
