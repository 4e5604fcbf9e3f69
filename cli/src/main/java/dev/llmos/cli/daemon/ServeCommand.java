package dev.llmos.cli.daemon;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.ConfigFile;
import dev.llmos.cli.app.ConfigJson;
import dev.llmos.cli.app.Daemons;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.policytest.OwnSuites;
import dev.llmos.daemon.Daemon;
import dev.llmos.daemon.DaemonConfig;
import dev.llmos.daemon.KernelPeerCredentials;
import dev.llmos.daemon.SocketSetup;
import dev.llmos.engine.config.Precedence;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.spi.Limits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code llm-osd serve}: listens (or takes systemd's socket) and serves until stopped or idle. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "serve json-rpc on the unix socket until stopped, or until the idle window passes")
public final class ServeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--socket-group", paramLabel = "GROUP",
            description = "group owning the socket (mode 0660); default: config socket_group, else llmos if it exists")
    String socketGroup;

    @Option(names = "--inherited", description = "use the listening socket on fd 0 (systemd StandardInput=socket)")
    boolean inherited;

    @Option(names = "--idle-exit", paramLabel = "SEC", description = "exit after SEC seconds with no client and no running plan; 0 = never (default)")
    Integer idleExit;

    @Option(names = "--read-timeout", paramLabel = "MS", description = "longest a client may take to send one request (default 10000)")
    Integer readTimeoutMs;

    @Option(names = "--max-clients", paramLabel = "N", description = "clients served at once (default 64)")
    Integer maxClients;

    @Option(names = "--max-request", paramLabel = "BYTES", description = "largest request line (default 1048576)")
    Integer maxRequest;

    @Option(names = "--max-clients-per-uid", paramLabel = "N", description = "connections one ordinary uid may hold (default 16)")
    Integer maxClientsPerUid;

    @Option(names = "--reserved-slots", paramLabel = "N", description = "of --max-clients, kept for root and admin groups (default 4)")
    Integer reservedSlots;

    @Option(names = "--idle-timeout", paramLabel = "SEC", description = "close a connection that has sent nothing for SEC seconds (default 10)")
    Integer idleTimeout;

    @Option(names = "--write-timeout", paramLabel = "SEC", description = "disconnect a client that does not read an answer within SEC seconds (default 10)")
    Integer writeTimeout;

    @Option(names = "--allow-user", paramLabel = "USER", description = "a user who may connect (besides root); repeatable")
    List<String> allowUsers;

    @Option(names = "--allow-group", paramLabel = "GROUP", description = "members may connect; repeatable (default: llmos)")
    List<String> allowGroups;

    @Option(names = "--admin-group", paramLabel = "GROUP", description = "members may reload policy and read all audit entries; repeatable")
    List<String> adminGroups;

    @Override
    public Integer call() throws IOException {
        RootCommand root = (RootCommand) spec.root().userObject();
        // the config file is read once, here, and the reading handed to everything that needs it
        Settings settings = daemonSettings(root, Wiring.settings(root));
        ConfigJson file = settings.config().values();
        DaemonConfig daemonConfig = new DaemonConfig(
                Daemons.target(root, settings).socket(),
                Precedence.value(socketGroup, Optional.empty(), Optional.ofNullable(file.socketGroup()).filter(g -> !g.isBlank()))
                        .orElseGet(ServeCommand::defaultGroup),
                settings.stateDir(), Wiring.policyDir(settings), settings.auditLog(),
                settings.protectedRoots(),
                set(allowUsers, file.allowedUsers(), Set.of()),
                set(allowGroups, file.allowedGroups(), Set.of("llmos")),
                set(adminGroups, file.adminGroups(), Set.of()),
                number(maxRequest, file.maxRequestBytes(), DaemonConfig.DEFAULT_MAX_REQUEST),
                Duration.ofMillis(number(readTimeoutMs, file.readTimeoutMs(), 10_000)),
                Duration.ofMinutes(15),
                number(maxClients, file.maxClients(), 64),
                Duration.ofSeconds(number(idleExit, file.idleExitSec(), 0)),
                Duration.ofMinutes(5),
                Limits.DEFAULT,
                guards(file));
        Wiring.createPrivate(daemonConfig.stateDir());
        HostProbe probe = HostProbe.system();
        Path cache = settings.cacheDir();
        try (Daemon daemon = new Daemon(daemonConfig, dir -> root.context().policies().load(dir, cache),
                new OwnSuites(Wiring.registry(), settings), Wiring.registry(), probe.host(), new KernelPeerCredentials(probe), Clock.systemUTC())) {
            ServerSocketChannel server = inherited ? inheritedSocket() : SocketSetup.bind(daemonConfig.socket(), daemonConfig.socketGroup());
            // a socket we bound is ours to remove, on any exit (SIGTERM too), so no client finds a dead file;
            // systemd's socket (--inherited) belongs to systemd
            Runnable cleanup = () -> {
                daemon.close();
                if (!inherited) {
                    removeSocket(daemonConfig.socket());
                }
            };
            Runtime.getRuntime().addShutdownHook(new Thread(cleanup, "llm-osd-shutdown"));
            root.context().io().err().println("llm-osd: serving on " + server.getLocalAddress() + ", policy "
                    + daemon.policyDigest().substring(0, 12) + ", state " + daemonConfig.stateDir());
            root.context().io().err().flush();
            String why = daemon.serve(server);
            if (!inherited) {
                removeSocket(daemonConfig.socket());
            }
            root.context().io().err().println("llm-osd: stopped (" + why + ")");
            return 0;
        }
    }

    private DaemonConfig.Guards guards(ConfigJson file) {
        DaemonConfig.Guards d = DaemonConfig.Guards.DEFAULT;
        return new DaemonConfig.Guards(
                number(maxClientsPerUid, file.maxClientsPerUid(), d.maxClientsPerUid()),
                number(reservedSlots, file.reservedSlots(), d.reservedSlots()),
                Duration.ofSeconds(number(idleTimeout, file.idleTimeoutSec(), (int) d.firstRequestTimeout().toSeconds())),
                Duration.ofSeconds(number(writeTimeout, file.writeTimeoutSec(), (int) d.writeTimeout().toSeconds())),
                d.refusalWindow(),
                number(null, file.maxPlansPerUser(), d.maxPlansPerOwner()),
                d.maxPlanBytes(),
                d.maxPlanBytesPerOwner());
    }

    /** the llmsh settings, but with the daemon's own state default (/var/lib/llm-osd). */
    private static Settings daemonSettings(RootCommand root, Settings s) {
        ConfigFile config = s.config();
        Settings.Flags flags = root.globals().flags();
        boolean stateGiven = Precedence.value(flags.state(), root.context().env().var(Settings.ENV_STATE).map(Path::of),
                config.stateDir()).isPresent();
        if (stateGiven || !root.context().env().root()) {
            return s;
        }
        Path state = DaemonConfig.DEFAULT_STATE;
        boolean auditGiven = Precedence.value(flags.audit(), root.context().env().var(Settings.ENV_AUDIT).map(Path::of),
                config.auditLog()).isPresent();
        return new Settings(s.policyDir(), state, auditGiven ? s.auditLog() : state.resolve("audit.jsonl"), s.cacheDir(), config);
    }

    private static void removeSocket(Path socket) {
        try {
            java.nio.file.Files.deleteIfExists(socket);
        } catch (IOException e) {
            // the daemon is stopping; a stale file is replaced by the next start (SocketSetup.bind)
        }
    }

    private static ServerSocketChannel inheritedSocket() throws IOException {
        Channel channel = System.inheritedChannel();
        if (channel instanceof ServerSocketChannel server && server.getLocalAddress() instanceof UnixDomainSocketAddress) {
            return server;
        }
        throw new BadInputException("--inherited: fd 0 is not a listening unix socket (systemd: StandardInput=socket, Accept=no)");
    }

    private static String defaultGroup() {
        try {
            java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByGroupName("llmos");
            return "llmos";
        } catch (IOException e) {
            return null;
        }
    }

    // the daemon's own settings have no environment variables: flag, then file, then default
    private static Set<String> set(List<String> flag, List<String> file, Set<String> fallback) {
        Set<String> given = flag != null && !flag.isEmpty() ? new LinkedHashSet<>(flag) : null;
        return Precedence.value(given, Optional.empty(), Optional.ofNullable(file).map(LinkedHashSet::new)).orElse(fallback);
    }

    private static int number(Integer flag, Integer file, int fallback) {
        return Precedence.value(flag, Optional.empty(), Optional.ofNullable(file)).orElse(fallback);
    }
}
