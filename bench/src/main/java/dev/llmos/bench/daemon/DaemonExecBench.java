package dev.llmos.bench.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.bench.Fixtures;
import dev.llmos.bench.RatioTo;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
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
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * llm-osd's whole {@code exec true} (connect, plan.submit, plan.approve when the policy asks,
 * plan.execute: decisions, journal, audit, the confined spawn) against {@code sudo true} spawned
 * from this jvm the same way the daemon spawns (ProcessBuilder: posix_spawn of the jdk's
 * jspawnhelper, which execs the program). the floors beside it say where the time goes: a bare
 * spawn, bubblewrap alone with the daemon's namespaces, one synced record. needs root and
 * bubblewrap, as the daemon does; the sudo baseline needs sudo (scripts/bench leaves it out
 * without).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED"})
public class DaemonExecBench {

    private static final String PLAN = "{\"version\": 1, \"mode\": \"actionplan\", \"goal\": \"bench\", \"actions\": "
            + "[{\"id\": \"a1\", \"type\": \"exec\", \"argv\": [\"true\"], \"timeout_sec\": 10, \"reason\": \"bench\"}]}";

    private InProcessDaemon daemon;
    private JsonNode plan;
    private FileChannel record;

    @Setup
    public void setup() throws IOException {
        daemon = InProcessDaemon.start(Fixtures.policyDir());
        plan = dev.llmos.engine.json.Json.mapper().readTree(PLAN);
        JsonNode ran = runOnce();
        JsonNode result = ran.path("actions").path(0).path("result");
        if (!"completed".equals(ran.path("status").asText()) || !result.path("data").path("confined").asBoolean()) {
            // jmh runs no teardown after a failed setup: the temp dir goes now
            daemon.close();
            throw new IllegalStateException("exec true did not run confined through llm-osd: " + ran);
        }
        record = FileChannel.open(daemon.stateDir().resolve("bench-records"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    @TearDown
    public void tearDown() throws IOException {
        record.close();
        daemon.close();
    }

    private JsonNode runOnce() throws IOException {
        try (DaemonClient c = DaemonClient.connect(daemon.socket())) {
            JsonNode decided = c.call(Method.PLAN_SUBMIT, new Params.Submit(plan));
            String id = decided.path("plan_id").asText();
            String approval = null;
            if (!decided.path("confirm").isEmpty()) {
                java.util.List<String> ids = new java.util.ArrayList<>();
                decided.path("confirm").forEach(n -> ids.add(n.asText()));
                approval = c.call(Method.PLAN_APPROVE, new Params.Approve(id, decided.path("digest").asText(), ids))
                        .path("approval").asText();
            }
            return c.call(Method.PLAN_EXECUTE, new Params.Execute(id, approval));
        }
    }

    /** the baseline: {@code sudo true} as root, output discarded, as a person's shell would pay it (fork, exec). */
    @Benchmark
    public int sudoTrue(Sudo sudo) throws Exception {
        return Spawn.run("sudo", "true");
    }

    /** the whole request through llm-osd, as {@code llmsh run --yes} sends it over a fresh connection. */
    @Benchmark
    @RatioTo("sudoTrue")
    public JsonNode daemonExecTrue() throws IOException {
        return runOnce();
    }

    /** a read-only request over a fresh connection: what the protocol alone costs. */
    @Benchmark
    @RatioTo("sudoTrue")
    public JsonNode daemonStatus() throws IOException {
        try (DaemonClient c = DaemonClient.connect(daemon.socket())) {
            return c.call(Method.PLAN_STATUS, new Params.Status(null));
        }
    }

    /** the floor of any spawn from this jvm. */
    @Benchmark
    @RatioTo("sudoTrue")
    public int binTrue() throws Exception {
        return Spawn.run("/bin/true");
    }

    /** the floor of the sandbox: bwrap with the namespaces the daemon asks for, nothing bound or masked. */
    @Benchmark
    @RatioTo("sudoTrue")
    public int bwrapTrue() throws Exception {
        return Spawn.run("/usr/bin/bwrap", "--die-with-parent", "--new-session", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-net", "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc", "/bin/true");
    }

    /** the floor of a durable record: 300 bytes appended and fsync'd in the daemon's state directory. */
    @Benchmark
    @RatioTo("sudoTrue")
    public long syncedRecord() throws IOException {
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.wrap(RECORD);
        long n = record.write(buf);
        record.force(true);
        return n;
    }

    private static final byte[] RECORD = ("x".repeat(299) + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** sudo must be there; without it this baseline cannot run (scripts/bench says so and leaves it out). */
    @State(Scope.Benchmark)
    public static class Sudo {
        @Setup
        public void check() {
            if (dev.llmos.bench.daemon.Spawn.onPath("sudo").isEmpty()) {
                throw new IllegalStateException("sudo is not installed: no sudo true baseline (apt-get install sudo)");
            }
        }
    }
}
