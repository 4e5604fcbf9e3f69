package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** what an attacker with write access does to a log: re-chain it with plain sha-256 after editing. */
final class Tamper {

    private Tamper() {
    }

    /** renumbers and re-hashes every line in order; seals are left as they were (the attacker has no key). */
    static List<String> rechain(List<String> lines) {
        List<String> out = new ArrayList<>();
        String prev = AuditLog.GENESIS;
        long seq = 0;
        for (String l : lines) {
            try {
                ObjectNode n = (ObjectNode) Json.mapper().readTree(l);
                n.put("seq", ++seq);
                n.put("prev", prev);
                n.put("hash", AuditLog.hash(n));
                prev = n.get("hash").asText();
                out.add(Json.canonical(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** as above, re-sealing each line with {@code key} moved to its epoch, as a thief of that key could. */
    static List<String> rechainAndReseal(List<String> lines, SealKey key) {
        return rechainAndReseal(lines, key, 0);
    }

    /** as above from line {@code from} on; the lines before it stay exactly as they were. */
    static List<String> rechainAndReseal(List<String> lines, SealKey key, int from) {
        List<String> out = new ArrayList<>(lines.subList(0, from));
        String prev = AuditLog.GENESIS;
        long seq = 0;
        for (String l : out) {
            try {
                prev = Json.mapper().readTree(l).get("hash").asText();
                seq++;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String l : lines.subList(from, lines.size())) {
            try {
                ObjectNode n = (ObjectNode) Json.mapper().readTree(l);
                n.put("seq", ++seq);
                n.put("prev", prev);
                n.put("epoch", Math.max(key.epoch(), n.get("epoch").asLong()));
                n.put("hash", AuditLog.hash(n));
                n.put("seal", key.forwardTo(n.get("epoch").asLong()).seal(n.get("hash").asText()));
                prev = n.get("hash").asText();
                out.add(Json.canonical(n));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }
}
