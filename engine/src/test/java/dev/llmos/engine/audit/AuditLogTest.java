package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditLogTest {

    @TempDir
    Path tmp;

    @Test
    void chainsEachLineToThePreviousOne() throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("a/audit.jsonl"), Clock.fixed(Instant.parse("2026-11-27T05:00:00Z"), ZoneOffset.UTC));
        JsonNode one = log.append("test", Json.mapper().createObjectNode().put("n", 1));
        JsonNode two = log.append("test", Json.mapper().createObjectNode().put("n", 2));
        JsonNode opening = Json.mapper().readTree(Files.readAllLines(log.file()).get(0));
        assertEquals(List.of(AuditLog.SEALING, AuditLog.GENESIS), List.of(opening.get("type").asText(), opening.get("prev").asText()));
        assertEquals(opening.get("hash").asText(), one.get("prev").asText());
        assertEquals(one.get("hash").asText(), two.get("prev").asText());
        assertEquals(AuditLog.hash(two), two.get("hash").asText());
        assertEquals(List.of(2L, 3L), List.of(one.get("seq").asLong(), two.get("seq").asLong()));
        assertEquals(List.of(2, "test"), List.of(two.get("v").asInt(), two.get("type").asText()));
        assertEquals("2026-11-27T05:00:00Z", two.get("time").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(log.file())));
    }

    @Test
    void concurrentWritersNeverBreakTheChain() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        List<java.util.concurrent.Future<?>> done = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(4)) {
            for (int w = 0; w < 4; w++) {
                // a log object per writer, as separate processes would have
                AuditLog log = new AuditLog(file);
                int writer = w;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        log.append("test", Json.mapper().createObjectNode().put("writer", writer).put("i", i));
                    }
                }));
            }
        }
        for (var f : done) {
            f.get();
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(201, lines.size());
        String prev = AuditLog.GENESIS;
        List<Long> seqs = new ArrayList<>();
        for (String line : lines) {
            JsonNode node = Json.mapper().readTree(line);
            assertEquals(prev, node.get("prev").asText());
            assertEquals(AuditLog.hash(node), node.get("hash").asText());
            prev = node.get("hash").asText();
            seqs.add(node.get("seq").asLong());
        }
        assertEquals(java.util.stream.LongStream.rangeClosed(1, 201).boxed().toList(), seqs);
    }

    @Test
    void aDeferredRecordIsAnchoredOnlyWithTheSyncedRecordAfterIt() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        log.append("first", Json.mapper().createObjectNode().put("n", 1));
        Path anchor = AuditLog.sibling(file, ".anchor");
        log.deferring().append("deferred", Json.mapper().createObjectNode().put("n", 2));
        assertEquals(3, Files.readAllLines(file).size(), "written at once (after the sealing record and the first)");
        assertEquals(List.of(1L, 2L), anchoredSeqs(anchor), "but no head names a record that may not be on disk yet");
        log.append("synced", Json.mapper().createObjectNode().put("n", 3));
        assertEquals(List.of(1L, 2L, 4L), anchoredSeqs(anchor), "the synced record's head covers the deferred one");
        VerifyReport r = AuditVerifier.verify(file, new AuditVerifier.Inputs(List.of(SealKey.read(log.verifyKeyFile())),
                List.of(anchor), null));
        assertEquals(List.of(), r.problems());
        assertEquals(4, r.records());
    }

    /**
     * the end of the log is remembered between appends (no read back); a record another process
     * appended in between (here: written to a copy with the same key, then added to the end) must
     * still be the one the next record chains to.
     */
    @Test
    void aRecordAnotherWriterAppendedIsTheOneTheNextRecordChainsTo() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        log.append("ours", Json.mapper().createObjectNode().put("n", 1));
        Path copy = tmp.resolve("other/audit.jsonl");
        Files.createDirectories(copy.getParent());
        Files.copy(file, copy);
        Files.copy(log.keyFile(), AuditLog.sibling(copy, ".key"));
        JsonNode theirs = new AuditLog(copy).append("theirs", Json.mapper().createObjectNode().put("n", 2));
        Files.writeString(file, Json.canonical(theirs) + "\n", java.nio.file.StandardOpenOption.APPEND);
        JsonNode next = log.append("ours", Json.mapper().createObjectNode().put("n", 3));
        assertEquals(List.of(theirs.get("hash").asText(), theirs.get("seq").asLong() + 1),
                List.of(next.get("prev").asText(), next.get("seq").asLong()));
        VerifyReport r = AuditVerifier.verify(file, new AuditVerifier.Inputs(List.of(SealKey.read(log.verifyKeyFile())),
                List.of(), null));
        assertEquals(List.of(), r.problems());
    }

    private static List<Long> anchoredSeqs(Path anchor) throws Exception {
        List<Long> out = new ArrayList<>();
        for (String line : Files.readAllLines(anchor)) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("seq=(\\d+)").matcher(line);
            if (m.find()) {
                out.add(Long.parseLong(m.group(1)));
            }
        }
        return out;
    }

    @Test
    void newestFirstGivesTheSameLinesAsReadingTheWholeFileBackwards() throws Exception {
        Path file = tmp.resolve("audit.jsonl");
        AuditLog log = new AuditLog(file);
        // records of about 1 KiB, so the 64 KiB chunks split lines, and one with multi-byte text
        for (int i = 0; i < 200; i++) {
            log.append("test", Json.mapper().createObjectNode().put("n", i).put("pad", (i == 77 ? "é→" : "") + "x".repeat(1000)));
        }
        List<String> all = new ArrayList<>(log.lines());
        java.util.Collections.reverse(all);
        List<String> newest = new ArrayList<>();
        log.newestFirst(newest::add);
        assertEquals(all, newest);
        List<String> three = new ArrayList<>();
        log.newestFirst(l -> three.add(l) && three.size() < 3);
        assertEquals(all.subList(0, 3), three);
    }

    @Test
    void newestFirstOfAMissingLogIsEmpty() {
        List<String> none = new ArrayList<>();
        new AuditLog(tmp.resolve("none.jsonl")).newestFirst(none::add);
        assertEquals(List.of(), none);
    }
}
