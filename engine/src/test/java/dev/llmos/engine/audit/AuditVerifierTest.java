package dev.llmos.engine.audit;

import dev.llmos.engine.json.Json;
import dev.llmos.engine.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditVerifierTest {

    @TempDir
    Path tmp;
    Path file;
    AuditLog log;

    @BeforeEach
    void writeFiveEvents() {
        file = tmp.resolve("audit.jsonl");
        log = new AuditLog(file);
        for (int i = 1; i <= 5; i++) {
            log.append("test", Json.mapper().createObjectNode().put("user", "alice").put("n", i));
        }
    }

    private List<String> lines() throws Exception {
        return new ArrayList<>(Files.readAllLines(file));
    }

    private VerifyReport verify() throws Exception {
        return AuditVerifier.verify(file, new AuditVerifier.Inputs(List.of(SealKey.read(log.verifyKeyFile())),
                List.of(AuditLog.sibling(file, ".anchor")), null));
    }

    private VerifyReport verifyAfter(List<String> lines) throws Exception {
        Files.write(file, lines);
        return verify();
    }

    private static List<VerifyReport.Problem> problems(VerifyReport r) {
        return r.problems();
    }

    @Test
    void anUntouchedLogVerifiesWithItsSealsAndAnchors() throws Exception {
        VerifyReport r = verify();
        assertEquals(List.of(), r.problems());
        // the first append also records that a new sealing key chain began
        assertEquals(6, r.records());
        assertEquals(6, r.sealed());
        assertEquals(6, r.lastAnchoredSeq());
    }

    @Test
    void findsAnEditedLine() throws Exception {
        List<String> lines = lines();
        lines.set(2, lines.get(2).replace("\"user\":\"alice\"", "\"user\":\"mallory\""));
        assertEquals(List.of(new VerifyReport.Problem(3, "edited: its content no longer matches its hash")), problems(verifyAfter(lines)));
    }

    @Test
    void findsARemovedLine() throws Exception {
        List<String> lines = lines();
        lines.remove(1);
        assertEquals(new VerifyReport.Problem(2, "does not follow line 1: a record was removed or reordered"),
                verifyAfter(lines).problems().get(0));
    }

    @Test
    void findsADamagedLine() throws Exception {
        List<String> lines = lines();
        lines.set(4, lines.get(4).substring(0, 20));
        assertEquals(new VerifyReport.Problem(5, "not a json object (the line was damaged or edited)"), verifyAfter(lines).problems().get(0));
    }

    @Test
    void catchesRecordsCutOffTheEndByTheAnchor() throws Exception {
        List<String> lines = lines();
        VerifyReport r = verifyAfter(lines.subList(0, 4));
        assertEquals(List.of(new VerifyReport.Problem(0, "an anchor saw record 6 but the log ends at 4: records were cut off the end")),
                r.problems());
    }

    @Test
    void cuttingTheEndPassesWithoutAnAnchorAndVerifySaysSo() throws Exception {
        Files.write(file, lines().subList(0, 4));
        VerifyReport r = AuditVerifier.verify(file, new AuditVerifier.Inputs(List.of(SealKey.read(log.verifyKeyFile())), List.of(), null));
        assertEquals(List.of(), r.problems());
        assertTrue(r.notes().contains("anchors: no anchored head for this log; records cut off the end cannot be detected"), r.notes().toString());
    }

    @Test
    void catchesAMiddleLineDeletedAndTheChainRecomputedWithPlainSha256() throws Exception {
        List<String> lines = lines();
        lines.remove(2);
        VerifyReport r = verifyAfter(Tamper.rechain(lines));
        assertEquals(new VerifyReport.Problem(3, "its seal does not match: the record was re-chained or forged without the key of epoch 0"),
                r.problems().get(0));
    }

    @Test
    void catchesARechainByTheAnchorAloneWithoutTheVerificationKey() throws Exception {
        List<String> lines = lines();
        lines.remove(2);
        Files.write(file, Tamper.rechain(lines));
        VerifyReport r = AuditVerifier.verify(file, new AuditVerifier.Inputs(List.of(), List.of(AuditLog.sibling(file, ".anchor")), null));
        assertEquals(new VerifyReport.Problem(3, "record 3 is not the one the anchor saw: the chain was rewritten from here or before"),
                r.problems().get(0));
    }

    @Test
    void aThiefOfTodaysKeyCannotRewriteAnEarlierEpoch() throws Exception {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:00Z"));
        Path f = tmp.resolve("epochs/audit.jsonl");
        AuditLog epochs = new AuditLog(f, clock, Duration.ofMinutes(15), AuditLog.defaultAnchors(f));
        for (int i = 0; i < 3; i++) {
            epochs.append("test", Json.mapper().createObjectNode().put("n", i));
            clock.advance(Duration.ofMinutes(20));
        }
        epochs.append("test", Json.mapper().createObjectNode().put("n", 3));
        SealKey stolen = SealKey.read(epochs.keyFile());
        SealKey seed = SealKey.read(epochs.verifyKeyFile());
        assertEquals(4, stolen.epoch(), "the key on disk moved forward; the old ones are gone");
        List<String> lines = new ArrayList<>(Files.readAllLines(f));
        Files.write(f.resolveSibling("audit.jsonl.orig"), lines);
        assertEquals(List.of(), AuditVerifier.verify(f, new AuditVerifier.Inputs(List.of(seed), List.of(), null)).problems());
        lines.remove(1);
        // relabelling everything as the stolen key's epoch loses the chain's opening record
        Files.write(f, Tamper.rechainAndReseal(lines, stolen));
        VerifyReport all = AuditVerifier.verify(f, new AuditVerifier.Inputs(List.of(seed), List.of(), null));
        assertEquals(new VerifyReport.Problem(1, "key chain " + seed.id() + " starts in epoch 4 without its opening record:"
                + " its first records were removed or rewritten with a later key"), all.problems().get(0));
        // keeping the old epochs' records as they were and rewriting only after them breaks the epoch's close
        List<String> kept = new ArrayList<>(Files.readAllLines(f.resolveSibling("audit.jsonl.orig")));
        kept.remove(3);
        Files.write(f, Tamper.rechainAndReseal(kept, stolen, 3));
        VerifyReport part = AuditVerifier.verify(f, new AuditVerifier.Inputs(List.of(seed), List.of(), null));
        assertEquals(new VerifyReport.Problem(4, "epoch 0 was closed for epoch 1 but this record claims epoch 4:"
                + " records were rewritten with a later key"), part.problems().get(0));
    }

    @Test
    void reportsATornTailAndTheRepairThatMovedItAside() throws Exception {
        Files.write(file, "{\"v\":2,\"seq\":7,\"ty".getBytes(), java.nio.file.StandardOpenOption.APPEND);
        assertEquals(18, verify().tornTail());
        log.append("test", Json.mapper().createObjectNode().put("n", 6));
        VerifyReport r = verify();
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(new VerifyReport.Repair(7, 7, 18, AuditLog.sibling(file, ".quarantine-7").toString())), r.repairs());
    }
}
