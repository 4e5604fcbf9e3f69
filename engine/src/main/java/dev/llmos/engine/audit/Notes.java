package dev.llmos.engine.audit;

import java.util.ArrayList;
import java.util.List;

/** what a verify run proved and what it could not, said plainly for the admin. */
final class Notes {

    private Notes() {
    }

    static List<String> of(AuditVerifier.Chain c, long heads, long lastAnchored, List<SealKey> keys, AuditVerifier.Inputs in) {
        List<String> out = new ArrayList<>();
        out.add("chain: each record names the hash of the one before, so an edit, a removal or a reordering inside"
                + " the log is caught unless every later record was recomputed (the seals and anchors catch that)");
        if (c.sealed > 0) {
            out.add("seals: " + c.sealed + " record(s) checked against the verification key; re-chaining is caught for"
                    + " every record sealed in an epoch before the sealing key could have been stolen (keys only move forward)");
        }
        if (keys.isEmpty()) {
            out.add("seals: not checked, no verification key given; a log re-chained with plain sha-256 passes the chain"
                    + " check alone (give --verify-key FILE)");
        }
        if (c.unverified > 0) {
            out.add("seals: " + c.unverified + " record(s) sealed with key chain(s) " + String.join(", ", c.unknownKeys)
                    + " for which no verification key was given; their seals were not checked");
        }
        if (c.unsealed > 0) {
            out.add("seals: " + c.unsealed + " version-1 record(s) were written before sealing and carry none");
        }
        if (heads == 0) {
            out.add("anchors: no anchored head for this log; records cut off the end cannot be detected");
        } else {
            out.add("anchors: " + heads + " head(s) checked, the newest at record " + lastAnchored + "; cutting records"
                    + " off the end is detectable only up to the last anchored head, and the anchor file beside the log"
                    + " can be rewritten by root like the log itself: a syslog copy forwarded off the machine cannot");
        }
        if (in.syslog() != null) {
            out.add("syslog: " + in.syslog());
        }
        if (!c.repairs.isEmpty()) {
            out.add("repairs: " + c.repairs.size() + " torn tail(s) were moved aside into quarantine files and recorded"
                    + " in the chain; what they held never counted as a record");
        }
        return out;
    }
}
