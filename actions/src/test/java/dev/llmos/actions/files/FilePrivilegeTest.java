package dev.llmos.actions.files;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Scope;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * a root daemon acting for a real second user (nobody, uid 65534): file actions open files with
 * that user's permissions unless the decision grants root, and setuid modes need that grant.
 */
class FilePrivilegeTest {

    private static final Requester NOBODY = HostProbe.system().identify(65534, 65534);

    private final ReadFileHandler read = new ReadFileHandler();
    private final WriteFileHandler write = new WriteFileHandler();

    @TempDir
    Path tmp;
    Path dir;
    Path state;

    @BeforeEach
    void dirs() throws Exception {
        assumeTrue(Posix.effectiveUid() == 0, "acting for another user needs a root test run, as in ci");
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        Path root = tmp.toRealPath();
        // nobody may walk to the files (the temp dir is private by default) and write in "open"
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        dir = Files.createDirectory(root.resolve("open"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
        state = root.resolve("state");
    }

    private ExecContext as(Requester who, Scope scope) {
        return new ExecContext(state, TestContexts.DIGEST, "a1", who, Limits.DEFAULT, null, scope);
    }

    @Test
    void readingARootOnlyFileAsNobodyIsRefused() throws Exception {
        Path secret = FileFixtures.file(dir.resolve("secret"), "root only\n".getBytes(), "rw-------");
        Path shared = FileFixtures.file(dir.resolve("shared"), "everyone\n".getBytes(), "rw-r--r--");
        ActionOutcome refused = read.execute(new ReadFileParams(secret.toString(), null), as(NOBODY, Scope.NONE));
        ActionOutcome allowed = read.execute(new ReadFileParams(shared.toString(), null), as(NOBODY, Scope.NONE));
        assertEquals(List.of(ActionOutcome.failure("permission denied: nobody (uid 65534) may not read " + secret), "everyone\n"),
                List.of(refused, allowed.data().get("content").asText()));
    }

    @Test
    void readingARootOnlyFileWorksWhenTheDecisionGrantsRoot() {
        Path secret = dir.resolve("secret");
        ActionOutcome outcome;
        try {
            FileFixtures.file(secret, "root only\n".getBytes(), "rw-------");
            outcome = read.execute(new ReadFileParams(secret.toString(), null), as(NOBODY, Scope.asRoot()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertEquals("root only\n", outcome.data().get("content").asText());
    }

    @Test
    void writingASetuidModeAsNobodyIsRefusedAndCreatesNothing() throws Exception {
        Path tool = dir.resolve("tool");
        ActionOutcome outcome = write.execute(new WriteFileParams(tool.toString(), "#!/bin/sh\nid\n", "4755"), as(NOBODY, Scope.NONE));
        assertEquals(List.of(ActionOutcome.failure("refusing mode 4755 for " + tool + ": setuid and setgid bits need a rule that"
                + " grants root (policy.grantRoot); nobody (uid 65534) acts without it"), false), List.of(outcome, Files.exists(tool)));
    }

    @Test
    void aFileWrittenForNobodyBelongsToNobody() throws Exception {
        Path notes = dir.resolve("notes");
        ActionOutcome outcome = write.execute(new WriteFileParams(notes.toString(), "hi\n", "0644"), as(NOBODY, Scope.NONE));
        assertEquals(List.of(true, 65534, "hi\n"), List.of(outcome.ok(), Files.getAttribute(notes, "unix:uid"), Files.readString(notes)));
    }

    @Test
    void nobodyCannotReplaceAFileInADirectoryOnlyRootMayWrite() throws Exception {
        Path closed = Files.createDirectory(tmp.toRealPath().resolve("closed"));
        Path conf = FileFixtures.file(closed.resolve("app.conf"), "root's\n".getBytes(), "rw-rw-rw-");
        long inode = (Long) Files.getAttribute(conf, "unix:ino");
        ActionOutcome outcome = write.execute(new WriteFileParams(conf.toString(), "mine\n", null), as(NOBODY, Scope.NONE));
        assertEquals(List.of(false, "root's\n", inode), List.of(outcome.ok(), Files.readString(conf), Files.getAttribute(conf, "unix:ino")));
    }
}
