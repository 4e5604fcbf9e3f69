package dev.llmos.bench.daemon;

import dev.llmos.bench.Fixtures;
import dev.llmos.daemon.Daemon;
import dev.llmos.daemon.DaemonConfig;
import dev.llmos.daemon.KernelPeerCredentials;
import dev.llmos.daemon.SocketSetup;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * a real llm-osd in this jvm, wired as {@code llm-osd serve} wires it (the shipped policy, every
 * handler, kernel peer credentials, the real audit log and journal), on a socket and state in a temp dir.
 */
final class InProcessDaemon implements AutoCloseable {

    private final Path tmp;
    private final Daemon daemon;
    private final CompletableFuture<String> serving;

    private InProcessDaemon(Path tmp, Daemon daemon, CompletableFuture<String> serving) {
        this.tmp = tmp;
        this.daemon = daemon;
        this.serving = serving;
    }

    static InProcessDaemon start(Path policyDir) throws IOException {
        // under /var/tmp, on the disk: /tmp could be a tmpfs, where fsync costs nothing
        Path tmp = Files.createTempDirectory(Path.of("/var/tmp"), "llmos-daemon-bench");
        Path state = Files.createDirectory(tmp.resolve("state"));
        DaemonConfig config = new DaemonConfig(tmp.resolve("osd.sock"), null, state, policyDir, state.resolve("audit.jsonl"),
                List.of(), Set.of("root"), Set.of(), Set.of(), DaemonConfig.DEFAULT_MAX_REQUEST, Duration.ofSeconds(10),
                Duration.ofMinutes(15), 64, Duration.ZERO, Duration.ofMinutes(5), Limits.DEFAULT);
        HostProbe probe = HostProbe.system();
        PolicyCache cache = PolicyCache.inMemory();
        Daemon daemon = new Daemon(config, dir -> DroolsPolicy.load(dir, cache), ActionRegistry.discover(), probe.host(),
                new KernelPeerCredentials(probe), Clock.systemUTC());
        ServerSocketChannel server = SocketSetup.bind(config.socket(), null);
        CompletableFuture<String> serving = CompletableFuture.supplyAsync(() -> {
            try {
                return daemon.serve(server);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        return new InProcessDaemon(tmp, daemon, serving);
    }

    Path socket() {
        return tmp.resolve("osd.sock");
    }

    Path stateDir() {
        return tmp.resolve("state");
    }

    @Override
    public void close() {
        daemon.close();
        serving.join();
        Fixtures.deleteTree(tmp);
    }
}
