package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class WriteFileHandlerTest {

    private final WriteFileHandler handler = new WriteFileHandler();

    @TempDir
    Path tmp;
    Path dir;
    Path state;

    @BeforeEach
    void dirs() throws Exception {
        dir = Files.createDirectory(tmp.toRealPath().resolve("etc"));
        state = tmp.toRealPath().resolve("state");
    }

    private ActionOutcome write(Path path, String content, String mode) {
        return handler.execute(new WriteFileParams(path.toString(), content, mode), TestContexts.exec(state));
    }

    @Test
    void createsAFileWithTheGivenMode() throws Exception {
        Path file = dir.resolve("motd");
        ActionOutcome outcome = write(file, "hello\n", "0600");
        String sha = Json.sha256("hello\n");
        ObjectNode data = Json.mapper().createObjectNode().put("path", file.toString()).put("bytes", 6).put("mode", "0600")
                .put("sha256", sha);
        // the undo names the directory and the file it wrote by inode, so it never acts on a swapped-in one
        ObjectNode undo = Json.mapper().createObjectNode().put("path", file.toString()).put("created", true)
                .put("dir_device", (Long) Files.getAttribute(dir, "unix:dev"))
                .put("dir_inode", (Long) Files.getAttribute(dir, "unix:ino"))
                .put("written_sha256", sha).put("written_inode", (Long) Files.getAttribute(file, "unix:ino"));
        assertEquals(TestContexts.wire(ActionOutcome.success(List.of(new Change("created", file.toString(), null, 6L, null)),
                data, undo)), TestContexts.wire(outcome));
        assertEquals(List.of("hello\n", "0600"), List.of(Files.readString(file), FileFixtures.mode(file)));
    }

    @Test
    void createsWithMode0644WhenNoneIsGiven() throws Exception {
        Path file = dir.resolve("new");
        write(file, "x", null);
        assertEquals("0644", FileFixtures.mode(file));
    }

    @Test
    void replacesAnExistingFileKeepingItsModeAndLeavesNoTempFileBehind() throws Exception {
        Path file = FileFixtures.file(dir.resolve("conf"), "old\n".getBytes(StandardCharsets.UTF_8), "rw-r-----");
        ActionOutcome outcome = write(file, "new content\n", null);
        Path backup = state.resolve("backups").resolve(TestContexts.DIGEST.substring(0, 16)).resolve("a1").resolve("original");
        assertEquals(List.of(new Change("modified", file.toString(), 4L, 12L, backup.toString())), outcome.changes());
        try (var listing = Files.list(dir)) {
            assertEquals(List.of("new content\n", "0640", List.of(file)),
                    List.of(Files.readString(file), FileFixtures.mode(file), listing.toList()));
        }
    }

    @Test
    void keepsTheOriginalInAPrivateBackup() throws Exception {
        Path file = FileFixtures.file(dir.resolve("conf"), "secret\n".getBytes(StandardCharsets.UTF_8), "rw-r--r--");
        Path backup = Path.of(write(file, "x", null).undo().get("backup").asText());
        assertEquals(List.of("secret\n", "0600"), List.of(Files.readString(backup), FileFixtures.mode(backup)));
    }

    @Test
    void honoursSetuidAndStickyBitsInTheMode() throws Exception {
        Path file = dir.resolve("tool");
        write(file, "#!/bin/sh\n", "4755");
        assertEquals("4755", FileFixtures.mode(file));
    }

    @Test
    void writesTheFileASymlinkLeadsToAndKeepsTheLink() throws Exception {
        Path target = Files.writeString(dir.resolve("target"), "old");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        ActionOutcome outcome = write(link, "new", null);
        assertEquals(List.of("modified", target.toString(), true, "new"), List.of(outcome.changes().get(0).kind(),
                outcome.changes().get(0).path(), Files.isSymbolicLink(link), Files.readString(target)));
    }

    @Test
    void keepsOwnerAndGroupWhenRootRewritesSomebodyElsesFile() throws Exception {
        assumeTrue(Posix.effectiveUid() == 0, "only root can give files away");
        Path file = Files.writeString(dir.resolve("theirs"), "old");
        Files.setAttribute(file, "unix:uid", 65534);
        Files.setAttribute(file, "unix:gid", 65534);
        write(file, "new", "0640");
        assertEquals(List.of(65534, 65534, "0640"), List.of(Files.getAttribute(file, "unix:uid"),
                Files.getAttribute(file, "unix:gid"), FileFixtures.mode(file)));
    }

    @Test
    void failsClearlyWhenTheParentDirectoryIsMissing() {
        Path file = dir.resolve("no/such/dir/file");
        assertEquals(List.of(ActionOutcome.failure("parent directory " + dir.resolve("no/such/dir") + " does not exist"), false),
                List.of(write(file, "x", null), Files.exists(dir.resolve("no"))));
    }

    @Test
    void refusesToReplaceADirectory() {
        assertEquals(ActionOutcome.failure("refusing to write " + dir + ": it is a directory, not a regular file"),
                write(dir, "x", null));
    }

    @Test
    void refusesToReplaceAFifo() throws Exception {
        Path fifo = FileFixtures.fifo(dir.resolve("pipe"));
        assertEquals(ActionOutcome.failure("refusing to write " + fifo + ": it is a fifo (named pipe), not a regular file"),
                write(fifo, "x", null));
    }

    @Test
    void refusesToWriteThroughADanglingSymlink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("missing/target"));
        assertEquals(ActionOutcome.failure("refusing to write " + link + ": it is a dangling symlink"),
                write(link, "x", null));
    }

    @Test
    void refusesAnInvalidModeThatBypassedTheSchema() {
        assertEquals(ActionOutcome.failure("mode must be octal like 0644, got 999"), write(dir.resolve("f"), "x", "999"));
    }

    @Test
    void declaresThePlannedPathAsWritten() {
        assertEquals(List.of("/etc/../etc/motd"), handler.writes(new WriteFileParams("/etc/../etc/motd", "x", null)));
    }
}
