package dev.llmos.daemon;

import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.exec.Cancellation;
import dev.llmos.engine.exec.DecidedPlan;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * plans submitted to this daemon, by id. a plan belongs to the uid that submitted it; only that
 * uid (or root) sees, approves, executes or cancels it. what is held is bounded by count and by
 * bytes, in all and per owner, so no one user can fill the daemon's heap; a plan that has ended
 * keeps only its id, goal and state, and only the newest {@link Bounds#keepEnded()} ended plans stay.
 */
final class PlanStore {

    /**
     * how much may be held.
     *
     * @param keepEnded how many ended plans (id, goal, state) stay listed, newest first; an ended plan
     *                  holds nothing else, so this only bounds what plan.status lists and scans
     */
    record Bounds(int maxPlans, long maxBytes, int maxPlansPerOwner, long maxBytesPerOwner, Duration keep, int keepEnded) {
        static final Bounds DEFAULT = new Bounds(10_000, 256L << 20, 200, 32L << 20, Duration.ofHours(1), 100);

        Bounds(int maxPlans, long maxBytes, int maxPlansPerOwner, long maxBytesPerOwner, Duration keep) {
            this(maxPlans, maxBytes, maxPlansPerOwner, maxBytesPerOwner, keep, DEFAULT.keepEnded());
        }
    }

    /** one submitted plan; its state changes under the entry's own lock. */
    static final class Entry {
        final String id;
        final int owner;
        final String user;
        final String goal;
        final Instant created;
        private DecidedPlan decided;
        private long bytes;
        private String state = "decided";
        private Cancellation cancellation;
        private final java.util.function.Consumer<Entry> onEnd;

        Entry(String id, DecidedPlan decided, long bytes, int owner, Instant created) {
            this(id, decided, bytes, owner, created, e -> { });
        }

        /** @param onEnd hears once that the plan ended (its store keeps only so many ended plans) */
        Entry(String id, DecidedPlan decided, long bytes, int owner, Instant created, java.util.function.Consumer<Entry> onEnd) {
            this.onEnd = onEnd;
            this.id = id;
            this.decided = decided;
            this.bytes = bytes;
            this.owner = owner;
            this.user = decided.requester().user();
            this.goal = decided.plan().goal();
            this.created = created;
        }

        synchronized DecidedPlan decided() {
            if (decided == null) {
                throw new RpcException(RpcError.PLAN_STATE, id + " has ended (" + state + "); submit it again");
            }
            return decided;
        }

        synchronized String state() {
            return state;
        }

        synchronized boolean ended() {
            return decided == null;
        }

        synchronized long bytes() {
            return bytes;
        }

        /** claims the plan for execution; a plan executes once. */
        synchronized DecidedPlan start() {
            if (!"decided".equals(state)) {
                throw new RpcException(RpcError.PLAN_STATE, id + " was already executed (state " + state + ")");
            }
            state = "running";
            cancellation = new Cancellation();
            return decided;
        }

        /** what stops this run; a plan.cancel before the first step means no step starts. */
        synchronized Cancellation cancellation() {
            return cancellation;
        }

        /** gives the plan back (execution was refused before anything ran). */
        synchronized void unstart() {
            state = "decided";
            cancellation = null;
        }

        /** the run ended: keep the id, goal and state, let the plan go. */
        synchronized void end(String finalState) {
            boolean first = decided != null;
            state = finalState;
            cancellation = null;
            decided = null;
            bytes = 0;
            if (first) {
                onEnd.accept(this);
            }
        }

        /**
         * stops the run: a plan not started is cancelled outright; a running one has its step
         * stopped (its process group killed) and its recovery run by the executing thread.
         *
         * @return the state after this call
         */
        synchronized String cancel() {
            switch (state) {
                case "decided" -> {
                    state = "cancelled";
                    decided = null;
                    bytes = 0;
                    onEnd.accept(this);
                }
                case "running" -> {
                    state = "cancelling";
                    cancellation.cancel();
                }
                default -> throw new RpcException(RpcError.PLAN_STATE, id + " cannot be cancelled: it is " + state);
            }
            return state;
        }

        synchronized boolean running() {
            return cancellation != null;
        }
    }

    private final ConcurrentHashMap<String, Entry> plans = new ConcurrentHashMap<>();
    /** the ended plans still listed, oldest first: past the bound the oldest are forgotten (decision 0031). */
    private final java.util.concurrent.ConcurrentLinkedQueue<Entry> ended = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicInteger endedCount = new java.util.concurrent.atomic.AtomicInteger();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Bounds bounds;

    PlanStore(Clock clock, Bounds bounds) {
        this.clock = clock;
        this.bounds = bounds;
    }

    synchronized Entry add(DecidedPlan decided, long bytes, int owner) {
        Instant now = clock.instant();
        plans.values().removeIf(e -> !e.running() && (e.created.plus(bounds.keep()).isBefore(now) || e.ended() && plans.size() > bounds.maxPlans() / 2));
        List<Entry> mine = plans.values().stream().filter(e -> e.owner == owner).toList();
        long mineBytes = mine.stream().mapToLong(Entry::bytes).sum();
        long allBytes = plans.values().stream().mapToLong(Entry::bytes).sum();
        if (mine.stream().filter(e -> !e.ended()).count() >= bounds.maxPlansPerOwner() || mineBytes + bytes > bounds.maxBytesPerOwner()) {
            throw new RpcException(RpcError.TOO_MANY_PLANS, "you hold " + mine.size() + " plans (" + mineBytes + " bytes); at most "
                    + bounds.maxPlansPerOwner() + " and " + bounds.maxBytesPerOwner() + " bytes: execute or cancel some first");
        }
        if (plans.size() >= bounds.maxPlans() || allBytes + bytes > bounds.maxBytes()) {
            throw new RpcException(RpcError.TOO_MANY_PLANS, "llm-osd holds as many plans as it may (" + plans.size()
                    + ", " + allBytes + " bytes); try again later");
        }
        byte[] id = new byte[12];
        random.nextBytes(id);
        Entry e = new Entry("p-" + HexFormat.of().formatHex(id), decided, bytes, owner, now, this::ended);
        plans.put(e.id, e);
        return e;
    }

    /** an entry ended: it stays listed until {@code keepEnded} newer ones have ended. */
    private void ended(Entry e) {
        ended.add(e);
        if (endedCount.incrementAndGet() <= bounds.keepEnded()) {
            return;
        }
        Entry oldest = ended.poll();
        if (oldest != null) {
            endedCount.decrementAndGet();
            plans.remove(oldest.id, oldest);
        }
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
                .sorted(Comparator.comparing((Entry e) -> e.created)).toList();
    }

    /** whether this daemon holds the plan (so its journal belongs to a run here, not to a crash). */
    boolean holds(String id) {
        return plans.containsKey(id);
    }

    List<Entry> running() {
        return plans.values().stream().filter(Entry::running).toList();
    }

    boolean anyRunning() {
        return plans.values().stream().anyMatch(Entry::running);
    }
}
