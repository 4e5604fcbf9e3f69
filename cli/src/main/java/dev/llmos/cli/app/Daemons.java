package dev.llmos.cli.app;

import dev.llmos.daemon.DaemonConfig;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.engine.config.Precedence;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

/** whether llmsh talks to llm-osd or runs embedded, and where the daemon's socket is. */
public final class Daemons {

    public static final String ENV_SOCKET = "LLMOS_SOCKET";

    private Daemons() {
    }

    /** where the socket setting came from; only the built-in default may be absent quietly. */
    public enum Source { FLAG, ENVIRONMENT, CONFIG, DEFAULT }

    /** a socket path and where it was named. */
    public record Target(Path socket, Source source) {
    }

    /** llm-osd answered at {@code socket} on {@code client}; whoever takes it closes the client. */
    public record Connected(Path socket, DaemonClient client) {
    }

    /** the socket: flag, then environment, then config, then the default. */
    public static Path socket(RootCommand root, Settings settings) {
        return target(root, settings).socket();
    }

    public static Target target(RootCommand root, Settings settings) {
        return target(root, settings.config());
    }

    /** the socket from a config file already read. */
    public static Target target(RootCommand root, ConfigFile config) {
        Path cwd = root.context().env().cwd();
        Precedence.Resolved<Path> r = Precedence.resolve(
                Optional.ofNullable(root.globals().socket()).map(p -> cwd.resolve(p).normalize()).orElse(null),
                root.context().env().var(ENV_SOCKET).map(v -> cwd.resolve(v).normalize()),
                config.socket(), () -> DaemonConfig.DEFAULT_SOCKET);
        Source source = switch (r.source()) {
            case FLAG -> Source.FLAG;
            case ENVIRONMENT -> Source.ENVIRONMENT;
            case FILE -> Source.CONFIG;
            case DEFAULT -> Source.DEFAULT;
        };
        return new Target(r.value(), source);
    }

    /**
     * a connection to llm-osd when one answers on its socket: the connection that found it is the
     * one the command goes on using (decision 0029), so a command connects once. empty (embedded)
     * only when {@code --embedded} was given, or when no socket was configured and none exists at
     * the default path, which is said on {@code notice}. a named socket that does not answer is an
     * error, never a fallback.
     */
    public static Optional<Connected> connect(RootCommand root, Settings settings, PrintWriter notice) {
        if (root.globals().embedded()) {
            return Optional.empty();
        }
        Target target = target(root, settings);
        Path socket = target.socket();
        if (Files.exists(socket)) {
            try {
                return Optional.of(new Connected(socket, DaemonClient.connect(socket)));
            } catch (IOException nobodyListens) {
                // a socket file nobody answers on: said below, as for a missing one
            }
        }
        if (target.source() == Source.DEFAULT && !Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
            notice.println("llmsh: no llm-osd configured and none at " + socket + "; running embedded with your own privileges");
            notice.flush();
            return Optional.empty();
        }
        throw new DaemonUnreachableException("llm-osd does not answer at " + socket + " (" + describe(target.source())
                + "); start it (systemctl start llm-osd), fix the socket path, or pass --embedded to run with your own privileges");
    }

    private static String describe(Source source) {
        return switch (source) {
            case FLAG -> "given by --socket";
            case ENVIRONMENT -> "given by $" + ENV_SOCKET;
            case CONFIG -> "the config file's socket";
            case DEFAULT -> "a socket file exists there but nobody listens";
        };
    }
}
