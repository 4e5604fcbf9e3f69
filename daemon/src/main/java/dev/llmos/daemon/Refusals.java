package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * refused connections, audited without letting a flood of them flood the audit log: the first
 * refusal of a uid for a reason in a window is written at once (with its pid), the rest are counted
 * and written as one summary when the window closes. at most two fsyncs per uid, reason and window.
 */
final class Refusals {

    private record Key(int uid, String reason) {
    }

    private static final class Tally {
        final String user;
        final Instant first;
        Instant last;
        long count;

        Tally(String user, Instant first) {
            this.user = user;
            this.first = first;
            this.last = first;
        }
    }

    private final AuditLog audit;
    private final Clock clock;
    private final Duration window;
    private final Map<Key, Tally> open = new HashMap<>();

    Refusals(AuditLog audit, Clock clock, Duration window) {
        this.audit = audit;
        this.clock = clock;
        this.window = window;
    }

    /** @param reason not_allowed, too_many_clients, too_many_for_uid */
    void refused(Peer peer, String reason) {
        Requester who = peer.requester();
        Key key = new Key(who.uid(), reason);
        Instant now = clock.instant();
        boolean first;
        synchronized (this) {
            Tally t = open.get(key);
            first = t == null;
            if (first) {
                open.put(key, new Tally(who.user(), now));
            } else {
                t.count++;
                t.last = now;
            }
        }
        if (first) {
            ObjectNode event = Json.mapper().createObjectNode().put("user", who.user()).put("uid", who.uid())
                    .put("pid", peer.pid()).put("reason", reason).put("status", "refused");
            event.set("groups", Json.tree(who.groups()));
            audit.append("peer.refused", event);
        }
    }

    /** writes the summaries of windows that have closed (all of them when {@code all}); the watchdog calls this. */
    void flush(boolean all) {
        Instant now = clock.instant();
        Map<Key, Tally> due = new HashMap<>();
        synchronized (this) {
            open.entrySet().removeIf(e -> {
                boolean closed = all || e.getValue().first.plus(window).isBefore(now);
                if (closed && e.getValue().count > 0) {
                    due.put(e.getKey(), e.getValue());
                }
                return closed;
            });
        }
        due.forEach((k, t) -> audit.append("peer.refused.summary", Json.mapper().createObjectNode().put("user", t.user)
                .put("uid", k.uid()).put("reason", k.reason()).put("count", t.count + 1)
                .put("first", t.first.toString()).put("last", t.last.toString()).put("status", "refused")));
    }
}
