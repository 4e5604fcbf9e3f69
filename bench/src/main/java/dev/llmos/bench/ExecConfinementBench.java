package dev.llmos.bench;

import dev.llmos.actions.exec.ExecHandler;
import dev.llmos.actions.exec.ExecParams;
import dev.llmos.actions.exec.ProcessRunner;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.Catalog;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * what confinement (decision 0011) adds to {@code exec true}: the exec handler, sandboxed, against
 * an unconfined spawn of the same program the way exec ran before (setsid, own process group,
 * output captured). needs root and bubblewrap, as the daemon does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ExecConfinementBench {

    /** the shipped policy's kind of secrets: a few names, a glob, one pattern per home. */
    private static final List<String> SECRETS = List.of("/etc/shadow", "/etc/gshadow", "/etc/shadow-", "/etc/gshadow-",
            "/etc/ssh/ssh_host_*_key", "~/.ssh/id_*", "~/.gnupg/**");

    private final ExecHandler handler = new ExecHandler();
    private final ExecParams trueParams = new ExecParams(List.of("/bin/true"), "/", 10, null, null);
    private Path tmp;
    private ExecContext asRoot;
    private ExecContext asNobody;

    @Setup
    public void setup() throws IOException {
        tmp = Files.createTempDirectory("llmos-exec-bench");
        Path state = Files.createDirectory(tmp.resolve("state"));
        Catalog catalog = () -> SECRETS;
        List<Path> protectedPaths = List.of(Fixtures.policyDir(), state);
        Requester root = HostProbe.system().currentProcess();
        Requester nobody = HostProbe.system().identify(65534, 65534);
        asRoot = new ExecContext(state, "0".repeat(64), "a1", root, Limits.DEFAULT, null, null, protectedPaths, catalog);
        asNobody = new ExecContext(state, "0".repeat(64), "a1", nobody, Limits.DEFAULT, null, null, protectedPaths, catalog);
        for (ExecContext c : List.of(asRoot, asNobody)) {
            ActionOutcome o = handler.execute(trueParams, c);
            if (!o.ok() || !o.data().path("confined").asBoolean()) {
                throw new IllegalStateException("exec true did not run confined: " + o.error());
            }
        }
    }

    @TearDown
    public void tearDown() {
        Fixtures.deleteTree(tmp);
    }

    /** the baseline: an unconfined spawn, as exec ran before confinement. */
    @Benchmark
    public ProcessRunner.Result unconfinedSpawn() throws Exception {
        return ProcessRunner.run(List.of("/usr/bin/setsid", "/bin/true"), Map.of("PATH", "/usr/bin:/bin"), "/", 10, 65536);
    }

    /** bubblewrap alone with a read-only root and its own pid namespace: the floor of any sandbox of this kind. */
    @Benchmark
    @RatioTo("unconfinedSpawn")
    public ProcessRunner.Result bareBwrap() throws Exception {
        return ProcessRunner.run(List.of("/usr/bin/setsid", "/usr/bin/bwrap", "--die-with-parent", "--unshare-pid",
                "--ro-bind", "/", "/", "--proc", "/proc", "--", "/bin/true"), Map.of("PATH", "/usr/bin:/bin"), "/", 10, 65536);
    }

    /** the exec handler for a root requester: secrets expanded and masked, protected paths bound, no network. */
    @Benchmark
    @RatioTo("unconfinedSpawn")
    public ActionOutcome confinedAsRoot() {
        return handler.execute(trueParams, asRoot);
    }

    /** the same for another user: one exec more (setpriv drops to them inside the sandbox). */
    @Benchmark
    @RatioTo("unconfinedSpawn")
    public ActionOutcome confinedAsRequester() {
        return handler.execute(trueParams, asNobody);
    }
}
