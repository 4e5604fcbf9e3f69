package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.read;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** recovery, symlinks and the audit log, through the real command line and the shipped policy. */
class RunSafetyTest {

    @TempDir
    Path tmp;

    private Cli cli() {
        return Cli.shipped(tmp);
    }

    @Test
    void aFailingActionTriggersRecoveryThatRestoresTheOriginalFileByteForByte() throws IOException {
        Path conf = tmp.resolve("app.conf");
        byte[] original = new byte[256];
        for (int i = 0; i < original.length; i++) {
            original[i] = (byte) i;
        }
        Files.write(conf, original);
        Cli.Result r = cli().run("run", Plans.file(tmp, plan(write("a1", conf, "replaced\n"),
                exec("a2", "ls", tmp.resolve("does-not-exist").toString()))));
        assertEquals(1, r.code(), r.out() + r.err());
        assertArrayEquals(original, Files.readAllBytes(conf));
        assertTrue(r.out().contains("\nrecovery:\n  a1  ran: undo (restore what the action changed) -> restored " + conf + "\n"), r.out());
        assertEquals("failed: a2 failed; nothing after it ran, see recovery above", RunCommandTest.lastLine(r.out()));
    }

    @Test
    void aSymlinkPointingAtASecretIsDenied() throws IOException {
        Path link = tmp.resolve("etc-link");
        Files.createSymbolicLink(link, Path.of("/etc"));
        Cli.Result r = cli().run("run", "--json", Plans.file(tmp, plan(read("a1", link.resolve("shadow").toString()))));
        assertEquals(1, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals(List.of("denied", "deny", "denied"), List.of(json.path("status").asText(),
                json.path("actions").get(0).path("decision").path("verdict").asText(),
                json.path("actions").get(0).path("result").path("status").asText()));
    }

    @Test
    void aWriteThroughASymlinkIntoBootIsDenied() throws IOException {
        Path link = tmp.resolve("boot-link");
        Files.createSymbolicLink(link, Path.of("/boot"));
        // a dry run decides exactly as a run does, and could not write even if the policy were wrong
        Cli.Result r = cli().run("run", "--dry-run", "--json", Plans.file(tmp, plan(write("a1", link.resolve("x"), "x"))));
        assertEquals(1, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals(List.of("denied", "deny"), List.of(json.path("status").asText(),
                json.path("actions").get(0).path("decision").path("verdict").asText()));
        assertFalse(Files.exists(Path.of("/boot/x")));
    }

    @Test
    void aPlanMayNeverWriteIntoTheStateDirectory() throws IOException {
        Cli c = cli();
        Files.createDirectories(c.state());
        Cli.Result r = c.run("run", "--dry-run", "--json", Plans.file(tmp, plan(write("a1", c.audit(), "forged\n"))));
        assertEquals(1, r.code(), r.err());
        JsonNode decision = Json.mapper().readTree(r.out()).path("actions").get(0).path("decision");
        assertEquals(List.of("deny", "builtin.protected-path"), List.of(decision.path("verdict").asText(), decision.path("rule").asText()));
    }

    @Test
    void eachRunAppendsOneRecordPerEventWithDecisionsRulesAndResults() throws IOException {
        Cli c = cli();
        Path out = tmp.resolve("audited.txt");
        String allowed = plan(write("a1", out, "x"));
        String denied = plan(write("a1", out, "x"), read("a2", "/etc/shadow"));
        assertEquals(0, c.run("run", Plans.file(tmp, allowed)).code());
        assertEquals(1, c.run("run", Plans.file(tmp, denied)).code());
        List<JsonNode> records = new ArrayList<>();
        for (String l : Files.readAllLines(c.audit())) {
            records.add(Json.mapper().readTree(l));
        }
        assertEquals(List.of("audit.sealing", "plan.submitted", "plan.decided", "step.started", "step.finished", "plan.ended",
                "plan.submitted", "plan.decided", "plan.ended"), records.stream().map(r -> r.path("type").asText()).toList());
        JsonNode decided = records.get(7);
        JsonNode last = records.get(8);
        assertEquals(Json.sha256(Json.canonical(Json.mapper().readTree(denied))), last.path("plan_digest").asText());
        assertTrue(decided.path("policy_digest").asText().matches("[0-9a-f]{64}"), decided.toString());
        assertTrue(last.path("time").asText().matches("\\d{4}-\\d\\d-\\d\\dT.*Z"), last.toString());
        assertEquals(records.get(7).path("hash").asText(), last.path("prev").asText());
        assertEquals(System.getProperty("user.name"), last.path("user").asText());
        assertEquals("denied", last.path("status").asText());
        List<List<String>> actions = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            JsonNode d = decided.path("actions").get(i);
            JsonNode a = last.path("actions").get(i);
            actions.add(List.of(d.path("id").asText(), d.path("verdict").asText(), d.path("rule").asText().isEmpty() ? "" : "rule",
                    a.path("status").asText()));
        }
        assertEquals(List.of(List.of("a1", "allow", "rule", "skipped"), List.of("a2", "deny", "rule", "denied")), actions);
    }
}
