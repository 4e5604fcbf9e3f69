package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** torn tails and full disks: the log never loses a synced record, never keeps half a one, never locks up. */
class AuditLogFailureTest {

    @TempDir
    Path tmp;

    private static JsonNode body(int n) {
        return Json.mapper().createObjectNode().put("n", n);
    }

    @Test
    void movesATornTailIntoQuarantineAndRecordsItsSize() throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"));
        log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(1));
        byte[] torn = "{\"v\":2,\"seq\":3,\"time\":\"2026-12-".getBytes();
        Files.write(log.file(), torn, StandardOpenOption.APPEND);
        JsonNode next = log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(2));
        List<String> lines = Files.readAllLines(log.file());
        JsonNode repair = Json.mapper().readTree(lines.get(2));
        Path quarantine = AuditLog.sibling(log.file(), ".quarantine-3");
        assertEquals(List.of(AuditLog.REPAIR, torn.length, quarantine.toString(), Json.sha256(torn)),
                List.of(repair.get("type").asText(), repair.get("bytes").asInt(), repair.get("quarantine").asText(),
                        repair.get("sha256").asText()));
        assertArrayEquals(torn, Files.readAllBytes(quarantine));
        assertEquals(4, next.get("seq").asLong());
        VerifyReport r = AuditVerifier.verify(log.file());
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(new VerifyReport.Repair(3, 3, torn.length, quarantine.toString())), r.repairs());
    }

    @Test
    void movesADamagedLastLineAsideToo() throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"));
        log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(1));
        // a crash on some file systems leaves a block of zeros where the last write was
        Files.write(log.file(), new byte[100], StandardOpenOption.APPEND);
        Files.write(log.file(), "\n".getBytes(), StandardOpenOption.APPEND);
        log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(2));
        VerifyReport r = AuditVerifier.verify(log.file());
        assertEquals(List.of(), r.problems());
        assertEquals(101, r.repairs().get(0).bytes());
    }

    @Test
    void findsTheLastRecordBeforeATornTailLongerThanTheFirstChunkItReads() throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"));
        log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(1));
        Files.write(log.file(), new byte[100_000], StandardOpenOption.APPEND);
        log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(2));
        VerifyReport r = AuditVerifier.verify(log.file());
        assertEquals(List.of(), r.problems());
        assertEquals(100_000, r.repairs().get(0).bytes());
    }

    @Test
    void aFullDiskRefusesTheRecordKeepsNoHalfOfItAndRecoversWhenThereIsRoom() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), 64)) {
            AuditLog log = new AuditLog(disk.dir().resolve("audit.jsonl"));
            log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(1));
            byte[] before = Files.readAllBytes(log.file());
            disk.fill();
            // a record bigger than any slack in the log's last page needs new blocks the disk does not have
            com.fasterxml.jackson.databind.node.ObjectNode big = Json.mapper().createObjectNode().put("pad", "x".repeat(16_000));
            AuditException e = assertThrows(AuditException.class, () -> log.append("test", big));
            assertTrue(e.getMessage().startsWith("cannot write the audit record (test) to " + log.file() + ": No space left on device"),
                    e.getMessage());
            assertArrayEquals(before, Files.readAllBytes(log.file()), "no half-written record stays behind");
            disk.free();
            log.append("test", big);
            assertEquals(List.of(), AuditVerifier.verify(log.file()).problems());
            assertEquals(3, Files.readAllLines(log.file()).size());
        }
    }

    @Test
    void keepsItsSealingKeyPrivateAndItsVerificationKeyReadOnly() throws Exception {
        AuditLog log = new AuditLog(tmp.resolve("audit.jsonl"));
        log.append("test", (com.fasterxml.jackson.databind.node.ObjectNode) body(1));
        assertEquals(List.of("rw-------", "r--------"), List.of(
                PosixFilePermissions.toString(Files.getPosixFilePermissions(log.keyFile())),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(log.verifyKeyFile()))));
        assertEquals(SealKey.read(log.keyFile()).id(), SealKey.read(log.verifyKeyFile()).id());
    }
}
