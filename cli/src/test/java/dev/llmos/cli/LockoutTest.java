package dev.llmos.cli;

import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * another user (uid 65534, through setpriv) keeps 80 connections open that say nothing and 100
 * that ask and never read, reopening any the daemon drops, while root keeps asking. root is answered
 * every time, and the flood of refusals costs the audit log a few summary lines, not one per connect.
 */
class LockoutTest {

    @TempDir
    Path tmp;

    /** opens and keeps IDLE silent connections and SLOW ones that send requests but never read, for SECONDS. */
    private static final String ATTACK = """
            import socket, sys, time
            path, idle, slow, seconds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
            req = b'{"jsonrpc":"2.0","id":1,"method":"actions.list"}\\n' * 200
            def connect(kind):
                try:
                    s = socket.socket(socket.AF_UNIX); s.settimeout(0.5); s.connect(path)
                    if kind == 'slow':
                        s.sendall(req)
                    return s
                except OSError:
                    return None
            conns = [('idle', None)] * idle + [('slow', None)] * slow
            opened = 0
            end = time.time() + seconds
            while time.time() < end:
                for i, (kind, s) in enumerate(conns):
                    alive = s is not None
                    if alive:
                        try:
                            s.setblocking(False)
                            alive = s.recv(1, socket.MSG_PEEK) != b'' if kind == 'idle' else True
                        except BlockingIOError:
                            alive = True
                        except OSError:
                            alive = False
                    if not alive:
                        if s: s.close()
                        conns[i] = (kind, connect(kind)); opened += 1
                time.sleep(0.05)
            print(opened)
            """;

    @Test
    void rootIsAnsweredWhileAnotherUserHoldsEightyIdleAndAHundredSlowConnections() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs /usr/bin/python3 and setpriv (.ci/run installs them) to act as another uid");
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        // per-uid limits would refuse most of the flood at once; set high, so the reserved slots and
        // the idle and write timeouts are what keep root served
        try (DaemonProcess d = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"), "--socket-group", "nogroup",
                "--allow-user", "nobody", "--max-clients-per-uid", "1000", "--idle-timeout", "2", "--write-timeout", "2")) {
            Files.setPosixFilePermissions(tmp.resolve("d"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.setPosixFilePermissions(tmp.resolve("d/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Path audit = d.state.resolve("audit.jsonl");
            long auditBefore = Files.exists(audit) ? Files.readAllLines(audit).size() : 0;
            try (DaemonClient warm = DaemonClient.connect(d.socket)) {
                // this jvm's first call loads the client's classes; not the daemon's doing
                warm.call(Method.PLAN_STATUS, new Params.Status(null));
            }
            Process attack = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                    "/usr/bin/python3", "-c", ATTACK, d.socket.toString(), "80", "100", "9").redirectErrorStream(true).start();
            Thread.sleep(2000);
            List<Long> millis = new ArrayList<>();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(6);
            while (System.nanoTime() < end) {
                long start = System.nanoTime();
                CompletableFuture<Integer> answer = CompletableFuture.supplyAsync(() -> {
                    try (DaemonClient c = DaemonClient.connect(d.socket)) {
                        return c.call(Method.PLAN_STATUS, new Params.Status(null)).path("plans").size();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                answer.get(5, TimeUnit.SECONDS);
                millis.add((System.nanoTime() - start) / 1_000_000);
                Thread.sleep(100);
            }
            assertTrue(attack.waitFor(60, TimeUnit.SECONDS));
            String opened = new String(attack.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            assertEquals(0, attack.exitValue(), opened);
            // printed for the record, not asserted: timings belong to benchmarks
            System.out.println("root answered " + millis.size() + " times under attack (" + opened + " attacking connects), slowest "
                    + millis.stream().mapToLong(Long::longValue).max().orElse(0) + " ms, median "
                    + millis.stream().sorted().toList().get(millis.size() / 2) + " ms: " + millis);
            assertTrue(Integer.parseInt(opened) > 180, "the attack really reconnected what was dropped: " + opened);
            List<String> refusals = (Files.exists(audit) ? Files.readAllLines(audit) : List.<String>of()).stream().skip(auditBefore)
                    .filter(l -> l.contains("\"type\":\"peer.refused")).toList();
            assertTrue(!refusals.isEmpty() && refusals.size() <= 2, "refusals are audited, summarised, not one by one: " + refusals);
        }
    }
}
