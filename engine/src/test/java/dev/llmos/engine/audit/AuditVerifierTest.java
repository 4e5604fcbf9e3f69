package dev.llmos.engine.audit;

import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditVerifierTest {

    @TempDir
    Path tmp;
    Path file;

    @BeforeEach
    void writeFiveLines() {
        file = tmp.resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        for (int i = 1; i <= 5; i++) {
            log.append("test", Json.mapper().createObjectNode().put("user", "alice").put("n", i));
        }
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }

    private AuditVerifier.Result verifyAfter(List<String> lines) throws Exception {
        Files.write(file, lines);
        return AuditVerifier.verify(file);
    }

    @Test
    void anUntouchedLogVerifies() throws Exception {
        AuditVerifier.Result r = AuditVerifier.verify(file);
        assertEquals(true, r.ok());
        assertEquals(5, r.lines());
    }

    @Test
    void findsAnEditedLine() throws Exception {
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"user\":\"alice\"", "\"user\":\"mallory\""));
        AuditVerifier.Result r = verifyAfter(lines);
        assertEquals(new AuditVerifier.Result(false, 3, "edited: its content no longer matches its hash", 3, r.lastHash()), r);
    }

    @Test
    void findsARemovedLine() throws Exception {
        List<String> lines = lines();
        lines.remove(1);
        assertEquals("does not follow line 1: a line was removed or reordered", verifyAfter(lines).problem());
        assertEquals(2, AuditVerifier.verify(file).badLine());
    }

    @Test
    void findsReorderedLines() throws Exception {
        List<String> lines = lines();
        String third = lines.remove(3);
        lines.add(2, third);
        assertEquals(3, verifyAfter(lines).badLine());
    }

    @Test
    void findsADamagedLine() throws Exception {
        List<String> lines = lines();
        String fourthHash = Json.mapper().readTree(lines.get(3)).get("hash").asText();
        lines.set(4, lines.get(4).substring(0, 20));
        assertEquals(new AuditVerifier.Result(false, 5, "not a json object (the line was damaged or edited)", 5, fourthHash),
                verifyAfter(lines));
    }
}
