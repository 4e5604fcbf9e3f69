package dev.llmos.cli.run;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.Daemons;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.plan.PlanParser;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * where plans run, chosen once: llm-osd when it answers on its socket (and --embedded was not
 * given), else this process, which is said on {@code notice}. a session that runs many plans asks
 * once, so the notice and the policy compilation happen once.
 */
public final class Backends {

    /**
     * how long the connection that found llm-osd stays worth handing to the first plan. the daemon
     * closes a connection that has said nothing for its first-request timeout (10 s by default, 1 s
     * at the least); a command's run opens its backend at once, while mcp chooses at start and a
     * shell may wait for a person, so those connect again.
     */
    static final long PROBE_FRESH_NANOS = 500_000_000L;

    private final Path socket;
    private final Pipeline pipeline;
    private DaemonClient probe;
    private final long probedAt;

    private Backends(Path socket, DaemonClient probe, Pipeline pipeline) {
        this.socket = socket;
        this.probe = probe;
        this.probedAt = System.nanoTime();
        this.pipeline = pipeline;
    }

    public static Backends choose(RootCommand root, Settings settings, Context context, PrintWriter notice) {
        Optional<Daemons.Connected> daemon = Daemons.connect(root, settings, notice);
        if (daemon.isPresent()) {
            return new Backends(daemon.get().socket(), daemon.get().client(), null);
        }
        return new Backends(null, null, Wiring.pipeline(settings, context));
    }

    /** a backend for one plan: the connection that found llm-osd if still fresh, else a new one; or the shared embedded pipeline. */
    public Backend open() {
        if (socket != null) {
            return new DaemonBackend(socket, connection(), () -> new PlanParser(Wiring.registry()));
        }
        return new EmbeddedBackend(pipeline, HostProbe.system().currentProcess());
    }

    /** whether plans go to llm-osd rather than run in this process. */
    public boolean daemon() {
        return socket != null;
    }

    private DaemonClient connection() {
        DaemonClient first = probe;
        probe = null;
        if (first != null && System.nanoTime() - probedAt < PROBE_FRESH_NANOS) {
            return first;
        }
        try {
            if (first != null) {
                first.close();
            }
            return DaemonClient.connect(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
