package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReadFileHandlerTest {

    private final ReadFileHandler handler = new ReadFileHandler();

    @TempDir
    Path tmp;
    Path dir;

    @BeforeEach
    void realDir() throws Exception {
        dir = tmp.toRealPath();
    }

    private ActionOutcome read(Path path, Integer maxBytes) {
        return TestContexts.wire(handler.execute(new ReadFileParams(path.toString(), maxBytes),
                TestContexts.exec(dir.resolve("state"))));
    }

    private static ActionOutcome content(Path path, String content, String encoding, long bytes, long size, boolean truncated) {
        ObjectNode data = Json.mapper().createObjectNode().put("path", path.toString()).put("content", content)
                .put("encoding", encoding).put("bytes", bytes).put("size", size).put("truncated", truncated);
        return TestContexts.wire(ActionOutcome.success(List.of(), data, null));
    }

    @Test
    void readsAWholeTextFile() throws Exception {
        Path file = Files.writeString(dir.resolve("hosts"), "127.0.0.1 localhost\n");
        assertEquals(content(file, "127.0.0.1 localhost\n", "utf-8", 20, 20, false), read(file, null));
    }

    @Test
    void readsAtMostMaxBytesAndSaysItTruncated() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "hello world");
        assertEquals(content(file, "hello", "utf-8", 5, 11, true), read(file, 5));
    }

    @Test
    void cutsBeforeAUtf8SequenceThatMaxBytesWouldSplit() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "aé!");
        assertEquals(content(file, "a", "utf-8", 1, 4, true), read(file, 2));
    }

    @Test
    void returnsBinaryContentAsBase64() throws Exception {
        byte[] bytes = FileFixtures.binary(300);
        Path file = Files.write(dir.resolve("blob"), bytes);
        assertEquals(content(file, Base64.getEncoder().encodeToString(bytes), "base64", 300, 300, false), read(file, null));
    }

    @Test
    void followsASymlinkAndReportsTheRealPath() throws Exception {
        Path file = Files.writeString(dir.resolve("real"), "x");
        Path link = Files.createSymbolicLink(dir.resolve("link"), file);
        assertEquals(content(file, "x", "utf-8", 1, 1, false), read(link, null));
    }

    @Test
    void normalisesDotDotSegmentsBeforeReading() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "x");
        Files.createDirectory(dir.resolve("sub"));
        assertEquals(content(file, "x", "utf-8", 1, 1, false), read(Path.of(dir + "/sub/../f"), null));
    }

    @Test
    void refusesAFifoInsteadOfBlockingOnIt() throws Exception {
        Path fifo = FileFixtures.fifo(dir.resolve("pipe"));
        assertEquals(ActionOutcome.failure("refusing to read " + fifo
                + ": it is a fifo (named pipe), not a regular file; opening it could block forever"), read(fifo, null));
    }

    @Test
    void refusesADirectory() {
        assertEquals(ActionOutcome.failure("refusing to read " + dir + ": it is a directory, not a regular file"),
                read(dir, null));
    }

    @Test
    void refusesACharacterDevice() {
        assertEquals(ActionOutcome.failure("refusing to read /dev/null: it is a character device, not a regular file"),
                read(Path.of("/dev/null"), null));
    }

    @Test
    void reportsAMissingFile() {
        assertEquals(ActionOutcome.failure("no such file: " + dir.resolve("nope")), read(dir.resolve("nope"), null));
    }

    @Test
    void refusesARelativePathThatBypassedTheSchema() {
        assertEquals(ActionOutcome.failure("path must be absolute, got etc/passwd"),
                handler.execute(new ReadFileParams("etc/passwd", null), TestContexts.exec(dir)));
    }

    @Test
    void refusesANulByteInThePath() {
        assertEquals(ActionOutcome.failure("path must not contain NUL bytes"),
                handler.execute(new ReadFileParams("/etc/passwd\0.txt", null), TestContexts.exec(dir)));
    }

    @Test
    void previewsWhatItWouldRead() throws Exception {
        Path file = Files.write(dir.resolve("f"), "abc".getBytes(StandardCharsets.UTF_8));
        assertEquals("would read up to 65536 bytes of " + file + " (3 bytes)",
                handler.preview(new ReadFileParams(file.toString(), null), TestContexts.exec(dir)).summary());
    }
}
