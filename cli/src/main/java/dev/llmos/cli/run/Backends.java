package dev.llmos.cli.run;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.Daemons;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.plan.PlanParser;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * where plans run, chosen once: llm-osd when it answers on its socket (and --embedded was not
 * given), else this process, which is said on {@code notice}. a session that runs many plans asks
 * once, so the notice and the policy compilation happen once.
 */
public final class Backends {

    private final Path socket;
    private final Pipeline pipeline;

    private Backends(Path socket, Pipeline pipeline) {
        this.socket = socket;
        this.pipeline = pipeline;
    }

    public static Backends choose(RootCommand root, Settings settings, Context context, PrintWriter notice) {
        Optional<Path> socket = Daemons.reachable(root, settings, notice);
        if (socket.isPresent()) {
            return new Backends(socket.get(), null);
        }
        return new Backends(null, Wiring.pipeline(settings, context));
    }

    /** a backend for one plan: a fresh daemon connection, or the shared embedded pipeline. */
    public Backend open() {
        if (socket != null) {
            return new DaemonBackend(socket, () -> new PlanParser(Wiring.registry()));
        }
        return new EmbeddedBackend(pipeline, HostProbe.system().currentProcess());
    }

    /** whether plans go to llm-osd rather than run in this process. */
    public boolean daemon() {
        return socket != null;
    }
}
