package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

/**
 * append-only audit log: one json object per line, fsync'd before {@link #append} returns, and
 * hash-chained (each line carries the previous line's hash and its own) so an edited, removed or
 * reordered line is detectable. a file lock serialises writers across processes.
 */
public final class AuditLog {

    public static final int VERSION = 1;
    public static final String GENESIS = "0".repeat(64);

    /** one lock per file in this jvm: file locks are per process, and overlapping ones throw. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    private final Path file;
    private final Clock clock;

    public AuditLog(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
    }

    public AuditLog(Path file) {
        this(file, Clock.systemUTC());
    }

    public Path file() {
        return file;
    }

    /**
     * appends one event. {@code body}'s fields are kept; v, event, time, seq, prev and hash are added.
     *
     * @return the line as written
     */
    public JsonNode append(String event, ObjectNode body) {
        synchronized (IN_PROCESS.computeIfAbsent(file, f -> new Object())) {
            return appendLocked(event, body);
        }
    }

    private JsonNode appendLocked(String event, ObjectNode body) {
        try {
            Path parent = file.getParent();
            if (parent != null && !Files.isDirectory(parent)) {
                Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
                 FileLock ignored = ch.lock()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                JsonNode last = lastEntry(ch);
                long seq = last == null ? 1 : last.path("seq").asLong() + 1;
                String prev = last == null ? GENESIS : last.path("hash").asText();
                ObjectNode line = Json.mapper().createObjectNode();
                line.put("v", VERSION);
                line.put("seq", seq);
                line.put("time", clock.instant().toString());
                line.put("event", event);
                line.setAll(body);
                line.put("prev", prev);
                line.put("hash", hash(line));
                byte[] bytes = (Json.canonical(line) + "\n").getBytes(StandardCharsets.UTF_8);
                ch.position(ch.size());
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
                return line;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to audit log " + file + ": " + e.getMessage(), e);
        }
    }

    /** the hash of a line: sha-256 over its canonical form without the hash field. */
    public static String hash(JsonNode line) {
        ObjectNode copy = ((ObjectNode) line).deepCopy();
        copy.remove("hash");
        return Json.sha256(Json.canonical(copy));
    }

    /** the last complete line, read backwards from the end so a long log costs nothing. */
    private static JsonNode lastEntry(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return null;
        }
        int chunk = 64 * 1024;
        long start = Math.max(0, size - chunk);
        while (true) {
            ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
            ch.read(buf, start);
            String text = new String(buf.array(), StandardCharsets.UTF_8);
            String trimmed = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
            int nl = trimmed.lastIndexOf('\n');
            if (nl >= 0 || start == 0) {
                return Json.mapper().readTree(trimmed.substring(nl + 1));
            }
            start = Math.max(0, start - chunk);
        }
    }

    /** every line, parsed; for tail and verify. */
    public List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
