package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.engine.audit.AuditVerifier;
import dev.llmos.engine.audit.SealKey;
import dev.llmos.engine.audit.VerifyReport;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * kill -9 of a real llmsh run and of a real llm-osd at step boundaries of a 10-step plan: every
 * file the plan created has its step's start record, the chain and its seals verify, and the
 * daemon closes the interrupted plan in the audit log when it comes back.
 */
class AuditCrashTest {

    @TempDir
    Path tmp;

    /** five files, each written after a short sleep: ten steps. */
    private static String tenSteps(Path out) {
        List<ObjectNode> actions = new ArrayList<>();
        for (int k = 1; k <= 5; k++) {
            actions.add(Plans.exec("s" + k, "sleep", "0.3"));
            actions.add(Plans.write("w" + k, out.resolve("f" + k), "file " + k + "\n"));
        }
        return Plans.plan(actions.toArray(ObjectNode[]::new));
    }

    private static List<JsonNode> records(Path audit) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        String text = new String(Files.readAllBytes(audit), StandardCharsets.UTF_8);
        int end = text.lastIndexOf('\n');
        for (String line : (end < 0 ? "" : text.substring(0, end)).lines().toList()) {
            out.add(Json.mapper().readTree(line));
        }
        return out;
    }

    /** waits until the audit log holds the start record of {@code action}, then returns. */
    private static void awaitStart(Path audit, String action) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(audit) && records(audit).stream()
                    .anyMatch(r -> "step.started".equals(r.path("type").asText()) && action.equals(r.path("action").asText()))) {
                return;
            }
            Thread.sleep(5);
        }
        throw new AssertionError("no start record of " + action + " in " + audit);
    }

    /** every file in {@code out} has a step.started record naming it, and at most one started write did not write. */
    private static void nothingRanUnaudited(Path audit, Path out) throws IOException {
        Set<String> started = new TreeSet<>();
        for (JsonNode r : records(audit)) {
            if ("step.started".equals(r.path("type").asText())) {
                r.path("writes").forEach(w -> started.add(w.path("path").asText()));
            }
        }
        started.removeIf(p -> !p.startsWith(out + "/"));
        Set<String> created = new TreeSet<>();
        try (Stream<Path> files = Files.list(out)) {
            // a write killed between its temp file and the rename leaves .NAME.RANDOM.llmos-tmp: it belongs to NAME's step
            files.forEach(f -> created.add(writtenFor(f).toString()));
        }
        assertTrue(started.containsAll(created), "created " + created + " but started only " + started);
        assertTrue(started.size() - created.size() <= 1, "started " + started + " created " + created);
    }

    private static Path writtenFor(Path file) {
        String name = file.getFileName().toString();
        if (name.startsWith(".") && name.endsWith(".llmos-tmp") && name.indexOf('.', 1) > 1) {
            return file.resolveSibling(name.substring(1, name.indexOf('.', 1)));
        }
        return file;
    }

    private static VerifyReport verify(Path audit) throws IOException {
        return AuditVerifier.verify(audit, new AuditVerifier.Inputs(List.of(SealKey.read(audit.resolveSibling("audit.jsonl.verify-key"))),
                List.of(audit.resolveSibling("audit.jsonl.anchor")), null));
    }

    @Test
    void killNineOfLlmshRunAtStepBoundariesLeavesNothingUnaudited() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("sh"));
        Files.writeString(dir.resolve("config.json"), "{}");
        Path audit = dir.resolve("state/audit.jsonl");
        // a start record just written: its step is about to start or running; the kill lands on either side
        for (String victim : List.of("s2", "w4")) {
            Path out = Files.createDirectories(tmp.resolve("out-" + victim));
            Path plan = dir.resolve("plan-" + victim + ".json");
            Files.writeString(plan, tenSteps(out));
            List<String> command = DaemonProcess.java("dev.llmos.cli.Llmsh");
            command.addAll(List.of("--policy", Cli.SHIPPED_POLICY.toString(), "--state", dir.resolve("state").toString(),
                    "--cache", tmp.resolve("cache").toString(), "--config", dir.resolve("config.json").toString(),
                    "--embedded", "run", "--yes", plan.toString()));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("llmsh.log").toFile())).start();
            try {
                awaitStart(audit, victim);
            } finally {
                p.destroyForcibly();
                p.waitFor(30, TimeUnit.SECONDS);
            }
            nothingRanUnaudited(audit, out);
            assertEquals(List.of(), verify(audit).problems(), "after killing at " + victim);
        }
        Cli.Result r = Cli.in(tmp.resolve("cli")).run("audit", "verify", "--log", audit.toString());
        assertEquals(0, r.code(), r.out() + r.err());
    }

    @Test
    void killNineOfTheDaemonMidPlanIsClosedInTheAuditLogOnRestart() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path dir = tmp.resolve("d");
        Path audit = dir.resolve("state/audit.jsonl");
        String planId;
        DaemonProcess first = DaemonProcess.start(dir, tmp.resolve("cache"));
        try (DaemonClient c = DaemonClient.connect(first.socket)) {
            planId = c.call("plan.submit", DaemonProcessTest.submitTo(tenSteps(out))).get("plan_id").asText();
            Thread.ofVirtual().start(() -> {
                try (DaemonClient runner = DaemonClient.connect(first.socket)) {
                    runner.call("plan.execute", Json.mapper().createObjectNode().put("plan_id", planId));
                } catch (Exception expected) {
                    // the daemon dies under this call
                }
            });
            awaitStart(audit, "w3");
        } finally {
            first.kill9();
        }
        nothingRanUnaudited(audit, out);
        // as if the crash had also cut a record short
        byte[] torn = "{\"v\":2,\"seq\":99,\"type\":\"step.fin".getBytes(StandardCharsets.UTF_8);
        Files.write(audit, torn, StandardOpenOption.APPEND);
        try (DaemonProcess second = DaemonProcess.start(dir, tmp.resolve("cache"))) {
            List<JsonNode> records = records(audit);
            List<String> lastTwo = records.subList(records.size() - 2, records.size()).stream()
                    .map(r -> r.path("type").asText() + " " + r.path("plan_id").asText("")).toList();
            assertEquals(List.of("audit.repair ", "plan.interrupted " + planId), lastTwo);
            // the daemon serves again: the repaired log takes the next plan's records
            try (DaemonClient c = DaemonClient.connect(second.socket)) {
                String next = c.call("plan.submit", DaemonProcessTest.submitTo(Plans.plan(Plans.write("a1", out.resolve("after"), "x"))))
                        .get("plan_id").asText();
                assertEquals("completed", c.call("plan.execute", Json.mapper().createObjectNode().put("plan_id", next))
                        .get("status").asText());
            }
        }
        VerifyReport report = verify(audit);
        assertEquals(List.of(), report.problems());
        assertEquals(torn.length, report.repairs().get(0).bytes());
        Cli.Result r = Cli.in(tmp.resolve("cli")).run("audit", "verify", "--log", audit.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("repaired: line "), r.out());
    }
}
