package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * a confined program's scratch space and other services' sockets, against a real sandbox: /tmp is
 * private unless the program names the host's, and a catalogued socket cannot be connected to
 * unless the scope grants it.
 */
class ExecScratchAndSocketsTest {

    @RegisterExtension
    final SandboxRun sandbox = new SandboxRun();

    // connects to the unix socket named by its argument: exit 0 when connected, 1 when refused
    private static final String CONNECT = "use IO::Socket::UNIX; exit(IO::Socket::UNIX->new(Peer => $ARGV[0]) ? 0 : 1)";

    @TempDir
    Path dir;

    private ActionOutcome run(Scope scope, List<String> sockets, String... argv) {
        return sandbox.run(scope, List.of(), SandboxRun.catalog(List.of(), sockets), TestContexts.SELF, argv);
    }

    @Test
    void aProgramThatNamesNoScratchDirectoryWritesAPrivateTmpTheHostNeverSees() {
        ActionOutcome outcome = run(Scope.NONE, List.of(), "sh", "-c", "f=$(mktemp) && echo kept > \"$f\" && cat \"$f\" && echo \"$f\"");
        String[] lines = outcome.stdout().text().split("\n");
        assertEquals(List.of(true, "kept", false), List.of(outcome.ok(), lines[0], Files.exists(Path.of(lines[1]))),
                outcome.stderr().text());
    }

    @Test
    void aScriptThatWritesAndReadsItsOwnNewScratchFileByNameGetsThePrivateTmp() {
        ActionOutcome outcome = run(Scope.NONE, List.of(), "sh", "-c", "echo one > /tmp/own-10c.$$ && cat /tmp/own-10c.$$");
        assertEquals(List.of(true, "one\n"), List.of(outcome.ok(), outcome.stdout().text()), outcome.stderr().text());
    }

    @Test
    void aTextNamesTheHostsScratchDirectoryItselfOrOnlyTheEntriesThatExist() throws Exception {
        Path existing = Files.writeString(dir.resolve("left-by-an-earlier-step"), "x");
        String entry = dir.getFileName().toString();
        assertEquals(List.of(new Scratch.Use(false, java.util.Set.of(entry)), new Scratch.Use(true, java.util.Set.of()),
                        new Scratch.Use(false, java.util.Set.of()), new Scratch.Use(false, java.util.Set.of()),
                        new Scratch.Use(true, java.util.Set.of()), new Scratch.Use(false, java.util.Set.of())),
                List.of(Scratch.use("cat " + existing, "/tmp"), Scratch.use("$(ls /tmp)", "/tmp"),
                        Scratch.use("> /tmp/new-10c.$$", "/tmp"), Scratch.use("/var/tmp/x", "/tmp"),
                        Scratch.use("cat /tmp/$F", "/tmp"), Scratch.use("mount -t tmpfs /tmpfs", "/tmp")));
    }

    @Test
    void aProgramReadingAHostScratchFileStillWritesItsOwnPrivateScratch() throws Exception {
        Path file = Files.writeString(dir.resolve("input"), "host data\n");
        ActionOutcome outcome = run(Scope.NONE, List.of(), "sh", "-c", "f=$(mktemp) && cat \"$1\" > \"$f\" && cat \"$f\"", "sh",
                file.toString());
        assertEquals(List.of(true, "host data\n"), List.of(outcome.ok(), outcome.stdout().text()), outcome.stderr().text());
    }

    @Test
    void aLinkPlantedInTheHostsScratchIsShownAsALinkSoTheMaskOnItsTargetHolds() throws Exception {
        Path secret = Files.writeString(dir.resolve("secret"), "SECRET\n");
        Path link = Files.createSymbolicLink(Path.of("/tmp", "llmos-10c-link-" + ProcessHandle.current().pid()), secret);
        try {
            ActionOutcome outcome = sandbox.run(Scope.NONE, List.of(), SandboxRun.catalog(List.of(secret.toString()), List.of()),
                    TestContexts.SELF, "cat", link.toString());
            assertEquals(List.of(false, ""), List.of(outcome.ok(), outcome.stdout().text()), outcome.stderr().text());
        } finally {
            Files.delete(link);
        }
    }

    @Test
    void aPathComputedAtRunTimeSeesThePrivateTmpNotTheHostsPlants() throws Exception {
        Path planted = Files.writeString(dir.resolve("planted"), "from the host\n");
        // the name is put together at run time, so nothing in argv mentions the host's /tmp
        ActionOutcome outcome = run(Scope.NONE, List.of(), "sh", "-c", "cat \"$(printf /t%sp m)/$1/planted\"", "sh",
                dir.getFileName().toString());
        assertEquals(List.of(false, true, "from the host\n"),
                List.of(outcome.ok(), outcome.stderr().text().contains("No such file"), Files.readString(planted)));
    }

    @Test
    void aProgramNamingAHostScratchFileReadsItAndCannotWriteIt() throws Exception {
        Path file = Files.writeString(dir.resolve("input"), "host data\n");
        ActionOutcome outcome = run(Scope.NONE, List.of(), "sh", "-c", "cat \"$1\"; echo more >> \"$1\"", "sh", file.toString());
        assertEquals(List.of("host data\n", true, "host data\n"), List.of(outcome.stdout().text(),
                outcome.stderr().text().contains("Read-only file system"), Files.readString(file)));
    }

    @Test
    void aCataloguedServiceSocketCannotBeConnectedToEvenByRoot() throws Exception {
        Path socket = dir.resolve("service.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            ActionOutcome masked = run(Scope.NONE, List.of(socket.toString()), "perl", "-e", CONNECT, socket.toString());
            ActionOutcome unlisted = run(Scope.NONE, List.of(), "perl", "-e", CONNECT, socket.toString());
            assertEquals(List.of(1, 0), List.of(masked.exitCode(), unlisted.exitCode()), masked.stderr().text());
        }
    }

    @Test
    void aServiceSocketTheScopeGrantsCanBeConnectedTo() throws Exception {
        Path socket = dir.resolve("service.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            ActionOutcome granted = run(Scope.reading(socket.toString()), List.of(socket.toString()), "perl", "-e", CONNECT,
                    socket.toString());
            assertEquals(0, granted.exitCode(), granted.stderr().text());
        }
    }
}
