package dev.llmos.actions.pipeline;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the real executor running the real handlers: a failure undoes what ran before it. */
class PipelineRecoveryTest {

    private static final ActionRegistry REGISTRY = ActionRegistry.discover();

    @TempDir
    Path tmp;
    Path work;
    Path policyDir;
    Pipeline pipeline;

    @BeforeEach
    void pipeline() throws Exception {
        Path root = tmp.toRealPath();
        work = Files.createDirectory(root.resolve("work"));
        policyDir = Files.createDirectory(root.resolve("policy"));
        pipeline = new Pipeline(REGISTRY, new AllowAllPolicy(REGISTRY), new AuditLog(root.resolve("audit/audit.log")),
                HostProbe.system().host(), new Pipeline.Config(root.resolve("state"), Limits.DEFAULT, List.of(policyDir), work));
    }

    private RunOutcome run(String actions, boolean dryRun) {
        String plan = "{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"test\",\"actions\":[" + actions + "]}";
        return pipeline.run(pipeline.parse(plan, TestContexts.SELF), TestContexts.SELF, Approver.NOBODY, dryRun);
    }

    private static String action(String id, String type, String fields) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"reason\":\"test\"," + fields + "}";
    }

    private static String json(Object value) {
        return Json.write(value);
    }

    @Test
    void aFailingCommandUndoesEarlierFileChangesByteForByte() throws Exception {
        byte[] binary = new byte[2048];
        new Random(7).nextBytes(binary);
        Path config = Files.write(work.resolve("config.bin"), binary);
        Path log = Files.writeString(work.resolve("app.log"), "line 1\n");
        Path created = work.resolve("created.txt");
        RunOutcome outcome = run(String.join(",",
                action("w1", "write_file", "\"path\":" + json(config.toString()) + ",\"content\":\"text now\""),
                action("w2", "append_file", "\"path\":" + json(log.toString()) + ",\"content\":\"line 2\\n\""),
                action("w3", "write_file", "\"path\":" + json(created.toString()) + ",\"content\":\"new\""),
                action("x1", "exec", "\"argv\":[\"/bin/sh\",\"-c\",\"exit 4\"]"),
                action("x2", "exec", "\"argv\":[\"/bin/echo\",\"never\"]")), false);

        RecoveryStep undo = new RecoveryStep.Undo(true);
        assertEquals(List.of(RunStatus.FAILED, "x1", List.of(
                        new RecoveryReport("w3", undo, "ran", "deleted " + created),
                        new RecoveryReport("w2", undo, "ran", "restored " + log),
                        new RecoveryReport("w1", undo, "ran", "restored " + config))),
                List.of(outcome.status(), outcome.failedAction(), outcome.recovery()));
        assertEquals(List.of(ActionStatus.OK, ActionStatus.OK, ActionStatus.OK, ActionStatus.FAILED, ActionStatus.SKIPPED),
                outcome.actions().stream().map(a -> a.result().status()).toList());
        assertEquals(List.of(HexFormat.of().formatHex(binary), "line 1\n", false),
                List.of(HexFormat.of().formatHex(Files.readAllBytes(config)), Files.readString(log), Files.exists(created)));
    }

    @Test
    void aCompletedPlanKeepsItsChanges() throws Exception {
        Path file = work.resolve("motd");
        RunOutcome outcome = run(String.join(",",
                action("w1", "write_file", "\"path\":" + json(file.toString()) + ",\"content\":\"hello\\n\",\"mode\":\"0644\""),
                action("r1", "read_file", "\"path\":" + json(file.toString())),
                action("x1", "exec", "\"argv\":[\"/bin/cat\"," + json(file.toString()) + "]")), false);
        ActionReport cat = outcome.actions().get(2);
        assertEquals(List.of(RunStatus.COMPLETED, "hello\n", "hello\n", "hello\n"), List.of(outcome.status(),
                outcome.actions().get(1).result().data().get("content").asText(), cat.result().stdout().text(),
                Files.readString(file, StandardCharsets.UTF_8)));
    }

    @Test
    void aDryRunPreviewsEveryActionAndChangesNothing() throws Exception {
        Path file = Files.writeString(work.resolve("conf"), "a\n");
        RunOutcome outcome = run(String.join(",",
                action("w1", "write_file", "\"path\":" + json(file.toString()) + ",\"content\":\"b\\n\""),
                action("x1", "exec", "\"argv\":[\"/bin/rm\"," + json(file.toString()) + "],\"cwd\":" + json(work.toString()))),
                true);
        assertEquals(List.of(RunStatus.DRY_RUN,
                        "would modify " + file + " (2 -> 2 bytes, mode 0644)",
                        "--- a" + file + "\n+++ b" + file + "\n@@ -1,1 +1,1 @@\n-a\n+b\n",
                        "would run: /bin/rm " + file + " in " + work + " (timeout 60 s); confined: write /; no network; as the requester",
                        "a\n"),
                List.of(outcome.status(), outcome.actions().get(0).result().preview().summary(),
                        outcome.actions().get(0).result().preview().diff(),
                        outcome.actions().get(1).result().preview().summary(), Files.readString(file)));
    }

    @Test
    void theEngineRefusesACommandThatNamesAProtectedPathWhateverPolicySays() throws Exception {
        RunOutcome outcome = run(action("x1", "exec",
                "\"argv\":[\"/bin/sh\",\"-c\"," + json("echo allow-all > " + policyDir + "/zz.drl") + "]"), false);
        assertEquals(List.of(RunStatus.DENIED, "builtin.protected-path", List.of()),
                List.of(outcome.status(), outcome.actions().get(0).decision().rule(), listing(policyDir)));
    }

    @Test
    void theEngineRefusesAWriteThroughASymlinkIntoAProtectedPath() throws Exception {
        Path link = Files.createSymbolicLink(work.resolve("innocent"), policyDir);
        RunOutcome outcome = run(action("w1", "write_file",
                "\"path\":" + json(link + "/zz.drl") + ",\"content\":\"rule\""), false);
        assertEquals(List.of(RunStatus.DENIED, "builtin.protected-path", List.of()),
                List.of(outcome.status(), outcome.actions().get(0).decision().rule(), listing(policyDir)));
    }

    private static List<Path> listing(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.toList();
        }
    }
}
