package dev.llmos.daemon;

import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyLoader;
import dev.llmos.engine.policy.PolicySuiteCheck;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.daemon.client.RpcError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * llm-osd: accepts clients on a unix socket, one virtual thread each; identifies each by its socket
 * credentials; validates, decides, executes and audits through one {@link Pipeline} that a policy
 * reload swaps atomically.
 */
public final class Daemon implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Daemon.class);
    /** how long a stopping daemon waits for cancelled plans to finish their recovery. */
    private static final java.time.Duration SHUTDOWN_GRACE = java.time.Duration.ofSeconds(30);
    /** how long without clients and plans before the daemon hands its spare heap back (once per quiet spell). */
    private static final long TRIM_AFTER_NANOS = java.time.Duration.ofSeconds(5).toNanos();

    private final DaemonConfig config;
    private final PolicyLoader loader;
    private final PolicySuiteCheck suites;
    private final ActionRegistry registry;
    private final HostFacts host;
    private final PeerCredentials peers;
    private final AuditLog audit;
    private final PlanStore plans;
    private final Methods methods;
    private final AtomicReference<Pipeline> pipeline = new AtomicReference<>();
    private final Slots slots;
    private final Refusals refusals;
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService watchdog;
    private volatile ServerSocketChannel server;
    private volatile boolean stopping;
    private volatile java.nio.channels.Selector selector;
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile String exitReason = "closed";
    private volatile long trimmedAtActivity = -1;

    /** a daemon whose reloads run no suites. */
    public Daemon(DaemonConfig config, PolicyLoader loader, ActionRegistry registry, HostFacts host,
                  PeerCredentials peers, Clock clock) {
        this(config, loader, PolicySuiteCheck.NONE, registry, host, peers, clock);
    }

    /**
     * loads the policy; a policy that does not compile stops the daemon before it listens. a reload
     * also runs the new policy's own suites through {@code suites} and keeps the old one when they fail.
     */
    public Daemon(DaemonConfig config, PolicyLoader loader, PolicySuiteCheck suites, ActionRegistry registry, HostFacts host,
                  PeerCredentials peers, Clock clock) {
        this.config = config;
        this.loader = loader;
        this.suites = suites;
        this.registry = registry;
        this.host = host;
        this.peers = peers;
        this.audit = new AuditLog(config.auditLog(), clock);
        DaemonConfig.Guards g = config.guards();
        this.plans = new PlanStore(clock, new PlanStore.Bounds(PlanStore.Bounds.DEFAULT.maxPlans(), g.maxPlanBytes(),
                g.maxPlansPerOwner(), g.maxPlanBytesPerOwner(), PlanStore.Bounds.DEFAULT.keep()));
        this.slots = new Slots(config.maxClients(), g.maxClientsPerUid(), g.reservedSlots());
        this.refusals = new Refusals(audit, clock, g.refusalWindow());
        this.pipeline.set(pipelineFor(loader.load(config.policyDir())));
        Journal journal = new Journal(config.stateDir().resolve("journal"), clock);
        ClosingRecords.close(journal, pipeline.get().trail());
        this.methods = new Methods(pipeline::get, plans, new Approvals(clock, config.approvalTtl()),
                journal, audit, this::reload, config.adminGroups(), dev.llmos.engine.host.HostProbe.system()::identify);
        this.watchdog = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("llm-osd-watchdog").unstarted(r));
    }

    private Pipeline pipelineFor(PolicyEngine policy) {
        java.util.List<java.nio.file.Path> roots = new java.util.ArrayList<>(config.protectedPaths());
        roots.add(config.policyDir());
        // a confined program run as root must not reach the daemon through its socket and speak as root
        roots.add(config.socket());
        return new Pipeline(registry, policy, audit, host, new Pipeline.Config(config.stateDir(), config.limits(), roots,
                java.nio.file.Path.of("/")));
    }

    /** builds the new policy aside and swaps it in; on failure the old one stays. */
    private synchronized String reload(boolean skipTests) {
        PolicyEngine fresh = loader.load(config.policyDir());
        if (!skipTests) {
            java.util.List<String> failures = suites.failures(config.policyDir(), fresh);
            if (!failures.isEmpty()) {
                throw new Methods.SuitesFailed(failures);
            }
        }
        pipeline.set(pipelineFor(fresh));
        LOG.info("policy reloaded: {}{}", fresh.digest(), skipTests ? " (its tests skipped)" : "");
        return fresh.digest();
    }

    public String policyDigest() {
        return pipeline.get().policy().digest();
    }

    /**
     * serves until {@link #close()} or the idle window passes with no client and no running plan.
     *
     * @return why it stopped ("idle", "closed")
     */
    public String serve(ServerSocketChannel listening) throws IOException {
        this.server = listening;
        // the idle window counts from serving: a slow start (the policy's first load) must not use it up
        lastActivityNanos = System.nanoTime();
        Connection.Timeouts timeouts = new Connection.Timeouts(config.readTimeout().toNanos(),
                config.guards().firstRequestTimeout().toNanos(), config.connectionIdleTimeout().toNanos(),
                config.guards().writeTimeout().toNanos());
        // accept through a selector, so stopping when idle leaves the listening socket open: closing an
        // inherited (systemd) socket makes the jdk close stdout and stderr, and the last words with them
        listening.configureBlocking(false);
        try (java.nio.channels.Selector sel = java.nio.channels.Selector.open()) {
            this.selector = sel;
            listening.register(sel, java.nio.channels.SelectionKey.OP_ACCEPT);
            watchdog.scheduleWithFixedDelay(() -> {
                long now = System.nanoTime();
                connections.removeIf(c -> c.overdue(now, timeouts));
                try {
                    refusals.flush(false);
                } catch (RuntimeException e) {
                    // an exception would cancel this watchdog, and every timeout with it
                    LOG.error("cannot audit the summary of refused connections: {}", e.toString());
                }
                long last = lastActivityNanos;
                if (connections.isEmpty() && !plans.anyRunning() && now - last > TRIM_AFTER_NANOS && trimmedAtActivity != last) {
                    // a quiet daemon should not keep the heap its busiest minute grew: a full collection
                    // lets the collector (serial, bin/llm-osd) shrink the heap and return the pages (decision 0026)
                    trimmedAtActivity = last;
                    System.gc();
                }
                if (!config.idleExit().isZero() && connections.isEmpty() && !plans.anyRunning()
                        && now - last > config.idleExit().toNanos()) {
                    exitReason = "idle";
                    stop();
                }
            }, 100, 100, TimeUnit.MILLISECONDS);
            LOG.info("llm-osd serving on {} with policy {}", listening.getLocalAddress(), policyDigest());
            while (!stopping && listening.isOpen()) {
                sel.select(1000);
                sel.selectedKeys().clear();
                SocketChannel channel;
                while (!stopping && (channel = listening.accept()) != null) {
                    channel.configureBlocking(true);
                    lastActivityNanos = System.nanoTime();
                    SocketChannel accepted = channel;
                    Thread.ofVirtual().name("llm-osd-client").start(() -> admit(accepted));
                }
            }
        } catch (ClosedChannelException e) {
            // closed under us by close(): a normal way to stop
        } finally {
            watchdog.shutdownNow();
        }
        return exitReason;
    }

    /** stops accepting; serve() returns. the listening socket stays open until close(). */
    public void stop() {
        stopping = true;
        java.nio.channels.Selector sel = selector;
        if (sel != null) {
            sel.wakeup();
        }
    }

    private void admit(SocketChannel channel) {
        Peer peer;
        try {
            peer = peers.of(channel);
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot read peer credentials: {}", e.toString());
            closeQuietly(channel);
            return;
        }
        Requester who = peer.requester();
        if (!allowed(who)) {
            noteRefusal(peer, "not_allowed");
            reject(channel, new RpcError(RpcError.PEER_REFUSED, "user " + who.user() + " (uid " + who.uid()
                    + ") may not use llm-osd; ask an administrator to add you to " + config.allowedGroups()));
            return;
        }
        Slots.Refusal full = slots.take(who.uid(), methods.isAdmin(who));
        if (full != null) {
            noteRefusal(peer, full.wire);
            reject(channel, new RpcError(RpcError.TOO_MANY_CLIENTS, switch (full) {
                case TOO_MANY_CLIENTS -> "llm-osd already serves as many clients as it may; try again shortly";
                case TOO_MANY_FOR_UID -> "you already hold " + config.guards().maxClientsPerUid()
                        + " connections to llm-osd; close some and try again";
            }));
            return;
        }
        Connection c = new Connection(channel, peer, methods, config.maxRequestBytes(), () -> {
            slots.release(who.uid());
            lastActivityNanos = System.nanoTime();
        });
        connections.add(c);
        c.run();
        connections.remove(c);
    }

    /** a refusal is audited, but an audit log that cannot be written must not keep a refused socket open. */
    private void noteRefusal(Peer peer, String reason) {
        try {
            refusals.refused(peer, reason);
        } catch (RuntimeException e) {
            LOG.error("cannot audit a refused connection of uid {}: {}", peer.requester().uid(), e.toString());
        }
    }

    private boolean allowed(Requester who) {
        return who.isRoot() || config.allowedUsers().contains(who.user())
                || who.groups().stream().anyMatch(config.allowedGroups()::contains);
    }

    private static void reject(SocketChannel channel, RpcError error) {
        try {
            // one short line into an empty socket buffer: it cannot block on a client that does not read
            channel.write(java.nio.ByteBuffer.wrap(Connection.refusal(error).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (IOException ignored) {
            // the refused client may already be gone
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing more to do with a socket we are dropping
        }
    }

    private void closeServer() {
        ServerSocketChannel s = server;
        if (s != null) {
            try {
                s.close();
            } catch (IOException e) {
                LOG.warn("closing the listening socket: {}", e.toString());
            }
        }
    }

    /**
     * stops serving: running plans are cancelled (their steps stopped, their recovery run and
     * audited) and awaited up to {@code grace}, then every connection is closed.
     */
    @Override
    public void close() {
        stop();
        closeServer();
        methods.cancelAll("llm-osd is stopping");
        long deadline = System.nanoTime() + SHUTDOWN_GRACE.toNanos();
        while (plans.anyRunning() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (plans.anyRunning()) {
            LOG.warn("plans still running after {}: their journals show them interrupted", SHUTDOWN_GRACE);
        }
        try {
            refusals.flush(true);
        } catch (RuntimeException e) {
            LOG.error("cannot audit the summary of refused connections: {}", e.toString());
        }
        connections.forEach(Connection::close);
        watchdog.shutdownNow();
    }
}
