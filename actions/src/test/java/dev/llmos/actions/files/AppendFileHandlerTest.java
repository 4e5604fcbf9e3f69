package dev.llmos.actions.files;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AppendFileHandlerTest {

    private final AppendFileHandler handler = new AppendFileHandler();

    @TempDir
    Path tmp;

    @Test
    void appendsKeepingTheModeAndBacksUpTheOriginal() throws Exception {
        Path dir = tmp.toRealPath();
        Path file = FileFixtures.file(dir.resolve("log"), "a\n".getBytes(StandardCharsets.UTF_8), "rw-------");
        ActionOutcome outcome = handler.execute(new AppendFileParams(file.toString(), "b\n"), TestContexts.exec(dir.resolve("state")));
        String backup = outcome.undo().get("backup").asText();
        assertEquals(List.of(List.of(new Change("appended", file.toString(), 2L, 4L, backup)), "a\nb\n", "0600", "a\n"),
                List.of(outcome.changes(), Files.readString(file), FileFixtures.mode(file), Files.readString(Path.of(backup))));
    }

    @Test
    void createsAMissingFileWithMode0644() throws Exception {
        Path dir = tmp.toRealPath();
        Path file = dir.resolve("new.log");
        ActionOutcome outcome = handler.execute(new AppendFileParams(file.toString(), "first\n"), TestContexts.exec(dir.resolve("state")));
        assertEquals(List.of(List.of(new Change("created", file.toString(), null, 6L, null)), "first\n", "0644"),
                List.of(outcome.changes(), Files.readString(file), FileFixtures.mode(file)));
    }

    @Test
    void appendsToABinaryFileByteForByte() throws Exception {
        Path dir = tmp.toRealPath();
        byte[] original = FileFixtures.binary(1000);
        Path file = Files.write(dir.resolve("blob"), original);
        handler.execute(new AppendFileParams(file.toString(), "tail"), TestContexts.exec(dir.resolve("state")));
        byte[] expected = java.util.Arrays.copyOf(original, 1004);
        System.arraycopy("tail".getBytes(StandardCharsets.UTF_8), 0, expected, 1000, 4);
        assertEquals(java.util.HexFormat.of().formatHex(expected), java.util.HexFormat.of().formatHex(Files.readAllBytes(file)));
    }
}
