package dev.llmos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** llmsh audit tail and verify on a log an embedded run wrote: readable records, and tampering named. */
class AuditCommandTest {

    @TempDir
    Path tmp;
    Cli cli;
    Path log;

    @BeforeEach
    void runAPlan() {
        cli = Cli.shipped(tmp);
        log = cli.audit();
        Cli.Result r = cli.run("run", Plans.file(tmp, plan(write("a1", tmp.resolve("note.txt"), "hush\n"),
                exec("a2", "true"), write("a3", tmp.resolve("other.txt"), "x\n"))));
        assertEquals(0, r.code(), "out: " + r.out() + " err: " + r.err());
    }

    @Test
    void tailShowsEachStepWithItsParametersAndChanges() {
        Cli.Result r = cli.run("audit", "tail", "-n", "8", "--log", log.toString());
        assertEquals(0, r.code(), r.err());
        String out = r.out();
        assertTrue(out.contains("step.started  " + System.getProperty("user.name")), out);
        assertTrue(out.contains("step 1 a2 exec {\"argv\":[\"true\"]"), out);
        assertTrue(out.contains("step 0 a1 -> ok\n      created " + tmp.resolve("note.txt") + " (after: " + Json.sha256("hush\n").substring(0, 12)), out);
        assertTrue(out.contains("plan.ended  " + System.getProperty("user.name")), out);
        assertTrue(!Files.exists(log) || !out.contains("hush"), "content shows only as a digest");
    }

    @Test
    void verifySaysWhatItProvedAndWhatItCannot() {
        Cli.Result r = cli.run("audit", "verify", "--log", log.toString());
        assertEquals(0, r.code(), r.out() + r.err());
        // a step's finished record is anchored with the record after it (0031), so fewer heads than records,
        // but the newest record is always anchored: cutting it off is caught
        assertTrue(r.out().startsWith(log + ": ok, 10 records chained, 10 seal(s) checked, 7 anchored head(s) agree"), r.out());
        assertTrue(r.out().contains("anchors: 7 head(s) checked, the newest at record 10;"), r.out());
        assertTrue(r.out().contains("keys: the verification key is still on this machine"), r.out());
    }

    @Test
    void verifyCatchesTruncation() throws IOException {
        List<String> lines = Files.readAllLines(log);
        Files.write(log, lines.subList(0, lines.size() - 2));
        Cli.Result r = cli.run("audit", "verify", "--log", log.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals(List.of(log + ": an anchor saw record 10 but the log ends at 8: records were cut off the end",
                "the log was cut: records the anchor saw are missing from its end"), r.out().lines().limit(2).toList());
    }

    @Test
    void verifyCatchesMiddleLinesDeletedAndTheChainRecomputedEvenWithoutTheAnchor() throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(log));
        lines.remove(4);
        lines.remove(4);
        String prev = AuditLog.GENESIS;
        List<String> rechained = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ObjectNode n = (ObjectNode) Json.mapper().readTree(lines.get(i));
            n.put("seq", i + 1).put("prev", prev);
            n.put("hash", AuditLog.hash(n));
            prev = n.get("hash").asText();
            rechained.add(Json.canonical(n));
        }
        Files.write(log, rechained);
        Files.delete(log.resolveSibling("audit.jsonl.anchor"));
        Cli.Result r = cli.run("audit", "verify", "--log", log.toString());
        assertEquals(1, r.code(), r.out());
        assertEquals(log + ":5: its seal does not match: the record was re-chained or forged without the key of epoch 0",
                r.out().lines().findFirst().orElse(""));
    }
}
