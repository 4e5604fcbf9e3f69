package dev.llmos.actions.files;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.ExecContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileUndoTest {

    private final WriteFileHandler write = new WriteFileHandler();
    private final AppendFileHandler append = new AppendFileHandler();

    @TempDir
    Path tmp;
    Path dir;
    ExecContext context;

    @BeforeEach
    void dirs() throws Exception {
        dir = tmp.toRealPath();
        context = TestContexts.exec(dir.resolve("state"));
    }

    private static String hex(Path file) throws Exception {
        return HexFormat.of().formatHex(Files.readAllBytes(file));
    }

    @Test
    void restoresABinaryOriginalByteForByteWithItsMode() throws Exception {
        byte[] original = FileFixtures.binary(4096);
        Path file = FileFixtures.file(dir.resolve("blob"), original, "rw-r-----");
        WriteFileParams params = new WriteFileParams(file.toString(), "replaced", "0644");
        ActionOutcome done = write.execute(params, context);
        ActionOutcome undone = write.undo(params, done.undo(), context);
        String backup = done.undo().get("backup").asText();
        assertEquals(List.of(List.of(new Change("restored", file.toString(), 8L, 4096L, backup)), true),
                List.of(undone.changes(), undone.ok()));
        assertEquals(List.of(HexFormat.of().formatHex(original), "0640"), List.of(hex(file), FileFixtures.mode(file)));
    }

    @Test
    void deletesAFileTheActionCreated() {
        Path file = dir.resolve("created");
        WriteFileParams params = new WriteFileParams(file.toString(), "new", null);
        ActionOutcome undone = write.undo(params, write.execute(params, context).undo(), context);
        assertEquals(List.of(List.of(new Change("deleted", file.toString(), 3L, null, null)), false),
                List.of(undone.changes(), Files.exists(file)));
    }

    @Test
    void restoresTheOriginalAfterAnAppend() throws Exception {
        Path file = Files.writeString(dir.resolve("log"), "line 1\n");
        AppendFileParams params = new AppendFileParams(file.toString(), "line 2\n");
        append.undo(params, append.execute(params, context).undo(), context);
        assertEquals("line 1\n", Files.readString(file));
    }

    @Test
    void refusesToRestoreFromABackupThatNoLongerMatchesItsChecksum() throws Exception {
        Path file = Files.writeString(dir.resolve("conf"), "original");
        WriteFileParams params = new WriteFileParams(file.toString(), "changed", null);
        ActionOutcome done = write.execute(params, context);
        Path backup = Path.of(done.undo().get("backup").asText());
        Files.writeString(backup, "tampered");
        assertEquals(List.of(ActionOutcome.failure("cannot undo: backup " + backup
                        + " does not match its recorded sha-256; " + file + " left as it is"), "changed"),
                List.of(write.undo(params, done.undo(), context), Files.readString(file)));
    }

    @Test
    void refusesToUndoWhenTheFileHasBecomeADirectory() throws Exception {
        Path file = dir.resolve("thing");
        WriteFileParams params = new WriteFileParams(file.toString(), "x", null);
        ActionOutcome done = write.execute(params, context);
        Files.delete(file);
        Files.createDirectory(file);
        assertEquals(ActionOutcome.failure("cannot undo: " + file + " is now a directory"),
                write.undo(params, done.undo(), context));
    }

    @Test
    void reportsMissingUndoData() {
        assertEquals(ActionOutcome.failure("cannot undo: the action recorded no undo data"),
                write.undo(new WriteFileParams("/x", "y", null), null, context));
    }
}
