package dev.llmos.daemon;

import java.util.HashMap;
import java.util.Map;

/**
 * who holds the daemon's connections: at most {@code max} in all, at most {@code perUid} for any one
 * ordinary uid, and the last {@code reserved} only for root and the admin groups, so nobody can
 * lock the administrator out by opening connections.
 */
final class Slots {

    /** why a connection was not admitted, as audited. */
    enum Refusal {
        TOO_MANY_CLIENTS("too_many_clients"),
        TOO_MANY_FOR_UID("too_many_for_uid");

        final String wire;

        Refusal(String wire) {
            this.wire = wire;
        }
    }

    private final int max;
    private final int perUid;
    private final int reserved;
    private final Map<Integer, Integer> held = new HashMap<>();
    private int total;

    Slots(int max, int perUid, int reserved) {
        this.max = max;
        this.perUid = perUid;
        this.reserved = Math.min(reserved, max);
    }

    /** takes a slot, or says why not (null when taken). */
    synchronized Refusal take(int uid, boolean privileged) {
        if (total >= max || (!privileged && total >= max - reserved)) {
            return Refusal.TOO_MANY_CLIENTS;
        }
        int mine = held.getOrDefault(uid, 0);
        if (!privileged && mine >= perUid) {
            return Refusal.TOO_MANY_FOR_UID;
        }
        held.put(uid, mine + 1);
        total++;
        return null;
    }

    synchronized void release(int uid) {
        held.computeIfPresent(uid, (k, n) -> n <= 1 ? null : n - 1);
        total--;
    }
}
