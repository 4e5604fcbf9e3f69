package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * the attacks issue 9 found, each against a real sandbox: the decision let the program run (as an
 * ALLOW or an approved CONFIRM would), and the kernel still holds it to the decision's scope.
 */
class ExecSandboxTest {

    @RegisterExtension
    final SandboxRun sandbox = new SandboxRun();

    private static final Requester NOBODY = HostProbe.system().identify(65534, 65534);

    @TempDir
    Path dir;

    private ActionOutcome run(Scope scope, List<Path> protectedPaths, List<String> secrets, Requester requester, String... argv) {
        return sandbox.run(scope, protectedPaths, SandboxRun.catalog(secrets, List.of()), requester, argv);
    }

    private ActionOutcome run(Scope scope, String... argv) {
        return run(scope, List.of(), List.of(), TestContexts.SELF, argv);
    }

    /** the issue's own payload: an approved shell that builds the policy directory's name at run time. */
    @Test
    void aShellCannotWriteIntoTheProtectedPolicyDirectoryEvenUnderAWritableGrant() throws Exception {
        Path policy = Files.createDirectory(dir.resolve("pol"));
        Map<String, String> before = snapshot(dir);
        ActionOutcome outcome = run(Scope.writing(dir.toString()), List.of(policy), List.of(), TestContexts.SELF,
                "sh", "-c", "echo x > \"$(printf %s/p%sl \"$1\" o)\"/zz.drl", "sh", dir.toString());
        assertEquals(List.of(false, true, before),
                List.of(outcome.ok(), outcome.stderr().text().contains("Read-only file system"), snapshot(dir)));
    }

    @Test
    void aGrantedDirectoryCanBeWrittenAndNothingElse() throws Exception {
        Path granted = Files.createDirectory(dir.resolve("granted"));
        Path other = Files.createDirectory(dir.resolve("other"));
        ActionOutcome outcome = run(Scope.writing(granted.toString()), "sh", "-c",
                "echo in > \"$1\"/new; echo out > \"$2\"/new; touch \"$3\"/new", "sh", granted.toString(), other.toString(),
                dir.toString());
        assertEquals(List.of(false, Map.of("granted/", "", "granted/new", "in\n", "other/", "")),
                List.of(outcome.ok(), snapshot(dir)));
    }

    /** a redirection or touch creates the file it names: an empty stand-in is bound, not the directory. */
    @Test
    void aGrantedFileThatDoesNotExistYetCanBeCreatedButNotItsSiblings() throws Exception {
        Path target = dir.resolve("new.txt");
        ActionOutcome outcome = run(Scope.writing(target.toString()), "sh", "-c",
                "echo hi > \"$1\"/new.txt; echo x > \"$1\"/sibling", "sh", dir.toString());
        assertEquals(List.of(false, Map.of("new.txt", "hi\n")), List.of(outcome.ok(), snapshot(dir)));
    }

    @Test
    void aStandInTheProgramLeftUntouchedIsRemoved() throws Exception {
        ActionOutcome outcome = run(Scope.writing(dir.resolve("never").toString()), "true");
        assertEquals(List.of(true, Map.of()), List.of(outcome.ok(), snapshot(dir)));
    }

    @Test
    void aStandInIsMadeOnlyWhereTheRequesterCouldCreateTheFile() throws Exception {
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        Path closed = Files.createDirectory(dir.resolve("closed"));
        ActionOutcome outcome = run(new Scope(List.of(open.resolve("mine").toString(), closed.resolve("theirs").toString()),
                        List.of(), false, false, List.of(), false), List.of(), List.of(), NOBODY,
                "sh", "-c", "touch \"$1\"/open/mine; touch \"$1\"/closed/theirs", "sh", dir.toString());
        assertEquals(List.of(false, Map.of("open/", "", "open/mine", "", "closed/", ""), 65534),
                List.of(outcome.ok(), snapshot(dir), Files.getAttribute(open.resolve("mine"), "unix:uid")));
    }

    @Test
    void noStandInIsMadeInsideAProtectedDirectory() throws Exception {
        Path policy = Files.createDirectory(dir.resolve("policy"));
        ActionOutcome outcome = run(Scope.writing(policy.resolve("zz.drl").toString()), List.of(policy), List.of(),
                TestContexts.SELF, "sh", "-c", "echo x > \"$1\"", "sh", policy.resolve("zz.drl").toString());
        assertEquals(List.of(false, Map.of("policy/", "")), List.of(outcome.ok(), snapshot(dir)));
    }

    @Test
    void aMaskedSecretCannotBeOpenedWhileItsNeighboursStayReadable() throws Exception {
        Path keys = Files.createDirectory(dir.resolve("keys"));
        Files.writeString(keys.resolve("host.key"), "SECRET-KEY\n");
        Files.writeString(keys.resolve("host.pub"), "public\n");
        ActionOutcome outcome = run(Scope.NONE, List.of(), List.of(keys + "/*.key"), TestContexts.SELF,
                "sh", "-c", "cat \"$1\"/host.key; cat \"$1\"/host.pub", "sh", keys.toString());
        assertEquals(List.of("public\n", "cat: " + keys.toRealPath() + "/host.key: Permission denied\n"),
                List.of(outcome.stdout().text(), outcome.stderr().text()));
    }

    @Test
    void aSecretDirectoryIsMaskedAsAWholeThroughAHomePattern() throws Exception {
        // a home of its own, named by a passwd file of its own: the host's /root/.ssh is not touched
        Path home = Files.createDirectories(dir.resolve("home/alice"));
        Path ssh = Files.createDirectory(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("id.key"), "SECRET\n");
        Path passwd = Files.writeString(dir.resolve("passwd"), "alice:x:1000:1000::" + home + ":/bin/sh\n");
        ExecHandler withHomes = new ExecHandler(Posix::effectiveUid, Sandbox.system(true), passwd);

        ActionOutcome outcome = sandbox.run(withHomes, Scope.NONE, List.of(), SandboxRun.catalog(List.of("~/.ssh/**"),
                List.of()), TestContexts.SELF, "ls", "-A", ssh.toString());

        assertEquals(List.of(true, ""), List.of(outcome.ok(), outcome.stdout().text()), outcome.stderr().text());
    }

    @Test
    void aSecretTheScopeGrantsStaysReadable() throws Exception {
        Path secret = Files.writeString(dir.resolve("token"), "SECRET\n");
        ActionOutcome outcome = run(Scope.reading(secret.toString()), List.of(), List.of(secret.toString()),
                TestContexts.SELF, "cat", secret.toString());
        assertEquals("SECRET\n", outcome.stdout().text());
    }

    /** {@code cat /etc/shadow} is denied by rule; through a shell only the mask stands in the way. */
    @Test
    void aShellReadingTheRealShadowFileGetsNothing() throws Exception {
        assumeTrue(Files.size(Path.of("/etc/shadow")) > 0, "this host's /etc/shadow is empty");
        ActionOutcome outcome = run(Scope.NONE, List.of(), List.of("/etc/shadow", "/etc/gshadow"), TestContexts.SELF,
                "sh", "-c", "cat /etc/shadow");
        // the mask is /dev/null on a nodev mount: opening it is refused, even for root
        assertEquals(List.of(false, "", "cat: /etc/shadow: Permission denied\n"),
                List.of(outcome.ok(), outcome.stdout().text(), outcome.stderr().text()));
    }

    @Test
    void theNetworkIsUnreachableWithoutAGrant() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            ActionOutcome outcome = run(Scope.NONE, "bash", "-c", "echo hi > /dev/tcp/127.0.0.1/" + listener.getLocalPort());
            assertEquals(List.of(false, false), List.of(outcome.ok(), accepted(listener)));
        }
    }

    @Test
    void theNetworkIsReachableWithAGrant() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 4, InetAddress.getLoopbackAddress())) {
            ActionOutcome outcome = run(Scope.withNetwork(), "bash", "-c", "echo hi > /dev/tcp/127.0.0.1/" + listener.getLocalPort());
            assertEquals(List.of(true, true), List.of(outcome.ok(), accepted(listener)));
        }
    }

    @Test
    void aChildThatStartsItsOwnSessionDiesWithTheAction() throws Exception {
        String marker = Processes.marker();
        ActionOutcome outcome = run(Scope.NONE, "sh", "-c", "setsid sleep " + marker + " & echo started");
        assertEquals(List.of("started\n", List.of()), List.of(outcome.stdout().text(), Processes.survivors(marker)));
    }

    @Test
    void aDoubleForkedDaemonDiesWithTheAction() throws Exception {
        String marker = Processes.marker();
        ActionOutcome outcome = run(Scope.NONE, "sh", "-c", "( (setsid sleep " + marker + " </dev/null >/dev/null 2>&1 &) &); echo started");
        assertEquals(List.of("started\n", List.of()), List.of(outcome.stdout().text(), Processes.survivors(marker)));
    }

    /** the escape: /proc/self/exe is whatever ran last (here setpriv), used to start a new session. */
    @Test
    void aProcSelfExePayloadDiesWithTheAction() throws Exception {
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        String marker = Processes.marker();
        ActionOutcome outcome = run(Scope.NONE, List.of(), List.of(), NOBODY,
                "/proc/self/exe", "/bin/sh", "-c", "setsid sleep " + marker + " & echo started");
        assertEquals(List.of("started\n", List.of()), List.of(outcome.stdout().text(), Processes.survivors(marker)));
    }

    @Test
    void runsWithNoNewPrivileges() {
        ActionOutcome outcome = run(Scope.NONE, "grep", "NoNewPrivs", "/proc/self/status");
        assertEquals("NoNewPrivs:\t1\n", outcome.stdout().text());
    }

    /** root in the sandbox keeps its file rights but not the capability to remount the view writable. */
    @Test
    void rootCannotRemountTheViewWritable() throws Exception {
        Map<String, String> before = snapshot(dir);
        ActionOutcome outcome = run(Scope.NONE, "sh", "-c", "mount -o remount,rw / ; touch \"$1\"/escaped", "sh", dir.toString());
        assertEquals(List.of(false, before), List.of(outcome.ok(), snapshot(dir)));
    }

    /** a system change may be granted all of "/": the kernel's interfaces and protected paths still hold. */
    @Test
    void aGrantOfTheWholeFilesystemLeavesProcSysAndProtectedPathsReadOnly() throws Exception {
        Path policy = Files.createDirectory(dir.resolve("policy"));
        ActionOutcome outcome = run(Scope.writing("/"), List.of(policy), List.of(), TestContexts.SELF, "sh", "-c",
                "cat /proc/1/comm; touch \"$1\"/granted && echo granted;"
                        + " touch \"$1\"/policy/x || echo policy refused;"
                        + " (echo 1 > /proc/sys/kernel/ns_last_pid) 2>/dev/null || echo proc-sys refused;"
                        + " (echo add > /sys/kernel/uevent_helper) 2>/dev/null || echo sys refused", "sh", dir.toString());
        assertEquals(List.of("bwrap\ngranted\npolicy refused\nproc-sys refused\nsys refused\n", Map.of("granted", "", "policy/", "")),
                List.of(outcome.stdout().text(), snapshot(dir)));
    }

    /** the protected path is not mounted again when no grant reaches it: the read-only root still holds it. */
    @Test
    void aProtectedDirectoryNoGrantReachesStaysReadOnly() throws Exception {
        Path policy = Files.createDirectory(dir.resolve("policy"));
        Path other = Files.createDirectory(dir.resolve("other"));
        ActionOutcome outcome = run(Scope.writing(other.toString()), List.of(policy), List.of(), TestContexts.SELF, "sh", "-c",
                "touch \"$1\"/policy/x || echo policy refused; touch \"$1\"/other/y && echo other written", "sh", dir.toString());
        assertEquals(List.of("policy refused\nother written\n", Map.of("policy/", "", "other/", "", "other/y", "")),
                List.of(outcome.stdout().text(), snapshot(dir)));
    }

    /** a grant inside a protected directory does not open it: the protected path is bound read-only over the grant. */
    @Test
    void aGrantInsideAProtectedDirectoryLeavesItReadOnly() throws Exception {
        Path policy = Files.createDirectory(dir.resolve("policy"));
        Path inside = Files.createDirectory(policy.resolve("sub"));
        ActionOutcome outcome = run(Scope.writing(inside.toString()), List.of(policy), List.of(), TestContexts.SELF, "sh", "-c",
                "touch \"$1\"/x || echo refused", "sh", inside.toString());
        assertEquals(List.of("refused\n", Map.of("policy/", "", "policy/sub/", "")), List.of(outcome.stdout().text(), snapshot(dir)));
    }

    /** /sys is read-only through the root; a grant inside it is refused too (asked with access(2): nothing is written). */
    @Test
    void sysStaysReadOnlyWithOrWithoutAGrantInsideIt() {
        String probe = "test -w /sys/kernel/uevent_helper && echo writable || echo read-only";
        List<String> seen = new java.util.ArrayList<>();
        for (Scope scope : List.of(Scope.NONE, Scope.writing("/sys/kernel"), Scope.writing("/sys"))) {
            seen.add(run(scope, "sh", "-c", probe).stdout().text());
        }
        assertEquals(List.of("read-only\n", "read-only\n", "read-only\n"), seen);
    }

    /**
     * a secret removed between the expansion and bwrap's setup stops bwrap before the program runs
     * (nothing to mount over in the read-only view); that failure is told apart from the program's,
     * so the handler builds the view again, and a view built again runs.
     */
    @Test
    void aSecretRemovedBeforeBwrapStartsIsToldApartAndTheViewBuiltAgainRuns() throws Exception {
        Path key = Files.writeString(dir.resolve("gone.key"), "SECRET\n");
        Sandbox sandbox = Sandbox.system(true);
        SecretPaths secrets = new SecretPaths(Path.of("/etc/passwd"));
        List<String> patterns = List.of(dir + "/*.key");
        Sandbox.View view = sandbox.wrap(Scope.NONE, List.of(), secrets.expand(patterns, List.of()), "/", true);
        Files.delete(key);
        List<String> command = new java.util.ArrayList<>(view.command());
        command.add("/bin/true");
        ProcessRunner.Result stopped = ProcessRunner.run(command, Map.of("PATH", "/usr/bin:/bin"), "/", 20, 65536);
        Sandbox.View again = sandbox.wrap(Scope.NONE, List.of(), secrets.expand(patterns, List.of()), "/", true);
        List<String> retried = new java.util.ArrayList<>(again.command());
        retried.add("/bin/true");
        ProcessRunner.Result ran = ProcessRunner.run(retried, Map.of("PATH", "/usr/bin:/bin"), "/", 20, 65536);
        assertEquals(List.of(true, false, 0), List.of(VanishedMask.stopped(stopped, view), VanishedMask.stopped(ran, again),
                ran.exitCode()));
    }

    @Test
    void theDaemonSocketIsMaskedEvenForRoot() throws Exception {
        Path socket = dir.resolve("llm-osd.sock");
        try (var server = java.nio.channels.ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
            server.bind(java.net.UnixDomainSocketAddress.of(socket));
            ActionOutcome outcome = run(Scope.NONE, List.of(socket), List.of(), TestContexts.SELF, "test", "-S", socket.toString());
            assertEquals(1, outcome.exitCode());
        }
    }

    private static boolean accepted(ServerSocket listener) throws IOException {
        listener.setSoTimeout(500);
        try (Socket s = listener.accept()) {
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /** every file and directory under {@code root} with its content, so a test sees any change at all. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.filter(p -> !p.equals(root)).toList()) {
                String name = root.relativize(p).toString();
                all.put(Files.isDirectory(p) ? name + "/" : name, Files.isDirectory(p) ? "" : Files.readString(p));
            }
        }
        return all;
    }
}
