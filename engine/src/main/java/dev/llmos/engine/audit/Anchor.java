package dev.llmos.engine.audit;

import java.io.IOException;

/**
 * a place outside the log that keeps each new head of the chain (sequence and hash), so cutting
 * records off the end of the log, or re-chaining it, disagrees with a copy the attacker must also
 * reach. publishing happens after the record is synced; a failure is reported, never hidden, but
 * does not undo the record.
 */
public interface Anchor {

    void publish(String log, long seq, String hash) throws IOException;

    /** where heads go, for the person reading verify's report. */
    String describe();

    /** the line every anchor writes; {@link AnchorHeads} finds it in any text (a syslog export too). */
    static String line(String log, long seq, String hash) {
        return "llm-os-audit head seq=" + seq + " hash=" + hash + " log=" + log;
    }
}
