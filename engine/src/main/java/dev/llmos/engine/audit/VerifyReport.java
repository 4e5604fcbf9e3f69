package dev.llmos.engine.audit;

import java.util.List;

/**
 * what {@code audit verify} found, and what it could and could not prove.
 *
 * @param records how many complete records were read
 * @param lastSeq the last record's sequence number (0 for an empty log)
 * @param lastHash the last record's hash (the genesis hash for an empty log)
 * @param problems tampering or damage found, first by line; empty when everything checked out
 * @param repairs torn tails the log moved aside (audit.repair records)
 * @param tornTail bytes after the last complete record (a write cut short; the next append quarantines them)
 * @param sealed records whose seal was checked against a verification key
 * @param unsealed version-1 records, written before sealing existed
 * @param unverifiedSeals sealed records whose key chain had no verification key here
 * @param anchoredHeads heads found in the anchors for this log
 * @param lastAnchoredSeq the newest anchored head (0 when none)
 * @param notes what the checks prove and what they cannot, in words for the admin
 */
public record VerifyReport(long records, long lastSeq, String lastHash, List<Problem> problems, List<Repair> repairs,
                           long tornTail, long sealed, long unsealed, long unverifiedSeals, long anchoredHeads,
                           long lastAnchoredSeq, List<String> notes) {

    /** @param line 1-based line in the log, 0 when the problem is not at a line (the end was cut) */
    public record Problem(long line, String what) {
    }

    public record Repair(long line, long seq, long bytes, String quarantine) {
    }

    public boolean ok() {
        return problems.isEmpty();
    }
}
