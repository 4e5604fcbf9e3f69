package dev.llmos.cli.app;

import dev.llmos.daemon.DaemonConfig;
import dev.llmos.daemon.SocketSetup;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** whether llmsh talks to llm-osd or runs embedded, and where the daemon's socket is. */
public final class Daemons {

    public static final String ENV_SOCKET = "LLMOS_SOCKET";

    private Daemons() {
    }

    /** the socket: flag, then environment, then config, then the default. */
    public static Path socket(RootCommand root, Settings settings) {
        if (root.globals().socket() != null) {
            return root.context().env().cwd().resolve(root.globals().socket()).normalize();
        }
        Optional<String> env = root.context().env().var(ENV_SOCKET);
        if (env.isPresent()) {
            return root.context().env().cwd().resolve(env.get()).normalize();
        }
        return settings.configFile().map(ConfigFile::read).flatMap(c -> c.path("socket")).orElse(DaemonConfig.DEFAULT_SOCKET);
    }

    /**
     * the daemon's socket when one answers there and {@code --embedded} was not given; otherwise
     * says on {@code notice} that this runs embedded, with the caller's own privileges.
     */
    public static Optional<Path> reachable(RootCommand root, Settings settings, PrintWriter notice) {
        if (root.globals().embedded()) {
            return Optional.empty();
        }
        Path socket = socket(root, settings);
        if (SocketSetup.listening(socket)) {
            return Optional.of(socket);
        }
        notice.println("llmsh: llm-osd is not reachable at " + socket + "; running embedded with your own privileges");
        notice.flush();
        return Optional.empty();
    }
}
