package dev.llmos.engine.audit;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the audit reader and verifier under arbitrary bytes: a report (with or without problems), never
 * an exception. the input's first line is taken as a verification key when it is one, the rest as
 * the log, and any anchored heads in the whole input as its anchor. the committed inputs run in
 * every build; JAZZER_FUZZ=1 fuzzes.
 */
class AuditVerifierFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void everyLogIsVerifiedWithAReportNeverAnException(byte[] input) {
        int nl = 0;
        while (nl < input.length && input[nl] != '\n') {
            nl++;
        }
        List<SealKey> keys;
        try {
            keys = List.of(SealKey.parse(new String(input, 0, nl, StandardCharsets.UTF_8), "the first line"));
        } catch (IOException notAKey) {
            keys = List.of();
        }
        byte[] log = keys.isEmpty() ? input : java.util.Arrays.copyOfRange(input, Math.min(input.length, nl + 1), input.length);
        List<AnchorHeads.Head> heads = AnchorHeads.parse(new String(input, StandardCharsets.UTF_8), "fuzz.jsonl");
        VerifyReport r = AuditVerifier.verify(log, keys, heads, new AuditVerifier.Inputs(keys, List.of(), null));
        assertNotNull(r.notes());
        long lines = 0;
        for (byte b : log) {
            lines += b == '\n' ? 1 : 0;
        }
        assertTrue(r.records() <= lines, r.toString());
        long maxLine = lines;
        assertTrue(r.problems().stream().allMatch(p -> p.line() >= 0 && p.line() <= maxLine), r.toString());
        assertEquals(r.ok(), r.problems().isEmpty());
    }
}
