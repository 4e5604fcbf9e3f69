package dev.llmos.daemon;

import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * plans submitted to this daemon, by id. a plan belongs to the uid that submitted it; only that
 * uid (or root) sees, approves or executes it. entries expire so the map cannot grow without bound.
 */
final class PlanStore {

    static final int MAX_PLANS = 10_000;
    static final Duration KEEP = Duration.ofHours(1);

    /** one submitted plan. {@code started} makes execution single-shot. */
    static final class Entry {
        final String id;
        final DecidedPlan decided;
        final int owner;
        final Instant created;
        final AtomicBoolean started = new AtomicBoolean();
        volatile String state = "decided";
        volatile RunOutcome outcome;

        Entry(String id, DecidedPlan decided, int owner, Instant created) {
            this.id = id;
            this.decided = decided;
            this.owner = owner;
            this.created = created;
        }
    }

    private final ConcurrentHashMap<String, Entry> plans = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    PlanStore(Clock clock) {
        this.clock = clock;
    }

    Entry add(DecidedPlan decided, int owner) {
        Instant now = clock.instant();
        plans.values().removeIf(e -> e.created.plus(KEEP).isBefore(now) && !"running".equals(e.state));
        if (plans.size() >= MAX_PLANS) {
            throw new RpcException(RpcError.PLAN_STATE, "too many plans held (" + MAX_PLANS + "); try again later");
        }
        byte[] bytes = new byte[12];
        random.nextBytes(bytes);
        Entry e = new Entry("p-" + HexFormat.of().formatHex(bytes), decided, owner, now);
        plans.put(e.id, e);
        return e;
    }

    /** the plan, if it exists and {@code uid} may see it; unknown and foreign plans look the same. */
    Entry get(String id, int uid) {
        Entry e = id == null ? null : plans.get(id);
        if (e == null || (uid != 0 && e.owner != uid)) {
            throw new RpcException(RpcError.UNKNOWN_PLAN, "no plan " + id);
        }
        return e;
    }

    List<Entry> visibleTo(int uid) {
        return plans.values().stream().filter(e -> uid == 0 || e.owner == uid)
                .sorted(java.util.Comparator.comparing((Entry e) -> e.created)).toList();
    }

    boolean anyRunning() {
        return plans.values().stream().anyMatch(e -> "running".equals(e.state));
    }
}
