package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * checks an audit log three ways: the hash chain (an edited, removed or reordered record), the
 * seals against verification keys (a chain recomputed with plain sha-256, or re-sealed without the
 * key of the record's epoch), and the anchored heads (records cut off the end, or a rewritten
 * chain the anchors saw differently). reads any bytes without failing: damage is a finding.
 */
public final class AuditVerifier {

    /**
     * @param verifyKeys epoch-0 keys, one per key chain the log may use
     * @param anchors text files holding anchored heads (the anchor file, a syslog export)
     * @param syslog what syslog anchoring looks like on this machine, for the notes
     */
    public record Inputs(List<SealKey> verifyKeys, List<Path> anchors, String syslog) {
    }

    /** a century of 15-minute epochs; bounds the key derivation any input can ask for. */
    static final long MAX_EPOCH = 4_000_000;

    private AuditVerifier() {
    }

    /** the chain only, as before sealing: no keys, no anchors. */
    public static VerifyReport verify(Path file) throws IOException {
        return verify(file, new Inputs(List.of(), List.of(), null));
    }

    public static VerifyReport verify(Path file, Inputs in) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<AnchorHeads.Head> heads = new ArrayList<>();
        for (Path a : in.anchors()) {
            if (Files.isRegularFile(a)) {
                heads.addAll(AnchorHeads.read(a, file.toAbsolutePath().toString()));
            }
        }
        return verify(bytes, in.verifyKeys(), heads, in);
    }

    /** the checks on bytes in memory; never throws on any input (the fuzz target holds it to that). */
    public static VerifyReport verify(byte[] bytes, List<SealKey> keys, List<AnchorHeads.Head> heads, Inputs in) {
        Chain c = new Chain(keys);
        int start = 0;
        long line = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
                if (!c.accept(line, bytes, start, i)) {
                    break;
                }
                start = i + 1;
            }
        }
        long torn = c.problems.isEmpty() ? bytes.length - start : 0;
        long lastAnchored = heads.stream().mapToLong(AnchorHeads.Head::seq).max().orElse(0);
        if (lastAnchored > c.seq && c.problems.isEmpty()) {
            c.problems.add(new VerifyReport.Problem(0, "an anchor saw record " + lastAnchored + " but the log ends at "
                    + c.seq + ": records were cut off the end"));
        }
        for (AnchorHeads.Head h : heads) {
            String have = c.hashes.get(h.seq());
            if (have != null && !have.equals(h.hash())) {
                c.problems.add(new VerifyReport.Problem(c.lineOf.getOrDefault(h.seq(), 0L), "record " + h.seq()
                        + " is not the one the anchor saw: the chain was rewritten from here or before"));
            }
        }
        List<VerifyReport.Problem> problems = c.problems.stream()
                .sorted(java.util.Comparator.comparingLong(p -> p.line() == 0 ? Long.MAX_VALUE : p.line())).distinct().toList();
        return new VerifyReport(c.records, c.seq, c.prev, problems, c.repairs, torn, c.sealed, c.unsealed, c.unverified,
                heads.size(), lastAnchored, Notes.of(c, heads.size(), lastAnchored, keys, in));
    }

    /** the walk along the chain: one call per complete line. */
    static final class Chain {
        final List<VerifyReport.Problem> problems = new ArrayList<>();
        final List<VerifyReport.Repair> repairs = new ArrayList<>();
        final Map<Long, String> hashes = new HashMap<>();
        final Map<Long, Long> lineOf = new HashMap<>();
        final Map<String, SealKey> keys = new HashMap<>();
        final java.util.Set<String> unknownKeys = new java.util.TreeSet<>();
        /** per key chain: the epoch and type of its last record, to check each epoch was closed */
        final Map<String, JsonNode> lastOfChain = new HashMap<>();
        String prev = AuditLog.GENESIS;
        long seq;
        long records;
        long sealed;
        long unsealed;
        long unverified;

        Chain(List<SealKey> verifyKeys) {
            verifyKeys.forEach(k -> keys.put(k.id(), k));
        }

        boolean accept(long line, byte[] b, int from, int to) {
            JsonNode node;
            try {
                node = Json.mapper().readTree(b, from, to - from);
            } catch (IOException | RuntimeException e) {
                return fail(line, "not a json object (the line was damaged or edited)");
            }
            if (node == null || !node.isObject() || !node.path("hash").isTextual()) {
                return fail(line, "not an audit record (no hash field)");
            }
            if (!AuditLog.hash(node).equals(node.path("hash").asText())) {
                return fail(line, "edited: its content no longer matches its hash");
            }
            if (!prev.equals(node.path("prev").asText())) {
                return fail(line, line == 1 ? "does not start the chain: records before it were removed"
                        : "does not follow line " + (line - 1) + ": a record was removed or reordered");
            }
            if (node.path("seq").asLong() != seq + 1) {
                return fail(line, "sequence " + node.path("seq").asText() + " where " + (seq + 1) + " was expected");
            }
            if (!checkSeal(line, node)) {
                return false;
            }
            if (AuditLog.REPAIR.equals(node.path("type").asText())) {
                repairs.add(new VerifyReport.Repair(line, seq + 1, node.path("bytes").asLong(), node.path("quarantine").asText()));
            }
            prev = node.path("hash").asText();
            seq++;
            records++;
            hashes.put(seq, prev);
            lineOf.put(seq, line);
            return true;
        }

        private boolean checkSeal(long line, JsonNode node) {
            if (node.path("v").asInt() < 2) {
                unsealed++;
                return true;
            }
            String id = node.path("key_id").asText("");
            if (!node.path("seal").isTextual() || !node.path("epoch").canConvertToLong()) {
                return fail(line, "a version-2 record without its seal: it was forged or stripped");
            }
            JsonNode before = lastOfChain.put(id, node);
            if (before == null && (node.path("epoch").asLong() != 0 || !AuditLog.SEALING.equals(node.path("type").asText()))) {
                return fail(line, "key chain " + id + " starts in epoch " + node.path("epoch").asText() + " without its"
                        + " opening record: its first records were removed or rewritten with a later key");
            }
            if (before != null && node.path("epoch").asLong() != before.path("epoch").asLong()
                    && !AuditLog.EPOCH.equals(before.path("type").asText())) {
                return fail(line, "epoch " + before.path("epoch").asText() + " ends without its closing seal:"
                        + " records were rewritten with a later key");
            }
            if (before != null && node.path("epoch").asLong() != before.path("epoch").asLong()
                    && node.path("epoch").asLong() != before.path("next_epoch").asLong()) {
                return fail(line, "epoch " + before.path("epoch").asText() + " was closed for epoch " + before.path("next_epoch").asText()
                        + " but this record claims epoch " + node.path("epoch").asText() + ": records were rewritten with a later key");
            }
            SealKey k = keys.get(id);
            if (k == null) {
                unverified++;
                unknownKeys.add(id);
                return true;
            }
            long epoch = node.path("epoch").asLong();
            if (epoch < k.epoch()) {
                return fail(line, "sealed in epoch " + epoch + " after epoch " + k.epoch() + ": epochs only go forward");
            }
            if (epoch > MAX_EPOCH) {
                return fail(line, "epoch " + epoch + " is implausibly far ahead (over " + MAX_EPOCH + ")");
            }
            k = k.forwardTo(epoch);
            keys.put(id, k);
            if (!k.seal(node.path("hash").asText()).equals(node.path("seal").asText())) {
                return fail(line, "its seal does not match: the record was re-chained or forged without the key of epoch " + epoch);
            }
            sealed++;
            return true;
        }

        private boolean fail(long line, String what) {
            problems.add(new VerifyReport.Problem(line, what));
            return false;
        }
    }
}
