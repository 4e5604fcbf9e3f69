package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;

/**
 * the end of a log: the last complete record and where it ends. bytes after it are a torn tail
 * (a write cut short by a crash or a full disk, or a damaged last line) that must be moved aside
 * before the chain can go on.
 *
 * @param last the last record that parses, or null when there is none
 * @param goodEnd the offset just past that record's newline (0 when none)
 * @param size the file's size
 */
record LogTail(JsonNode last, long goodEnd, long size) {

    /** how far back to look for an intact record before giving up (fail closed). */
    static final int WINDOW = 1 << 20;

    boolean torn() {
        return goodEnd < size;
    }

    static LogTail inspect(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return new LogTail(null, 0, 0);
        }
        // the usual case reads one small chunk; only a damaged end makes it look further back
        LogTail near = inspect(ch, size, 64 * 1024);
        return near != null ? near : inspect(ch, size, WINDOW);
    }

    /** the tail found within the last {@code window} bytes, or null when it may lie further back. */
    private static LogTail inspect(FileChannel ch, long size, int window) throws IOException {
        long start = Math.max(0, size - window);
        ByteBuffer buf = ByteBuffer.allocate((int) (size - start));
        while (buf.hasRemaining() && ch.read(buf, start + buf.position()) >= 0) {
            // read until the window is full
        }
        byte[] bytes = buf.array();
        // walk complete lines backwards from the last newline; the first that parses is the head
        int end = lastNewline(bytes, bytes.length - 1);
        while (end >= 0) {
            int begin = lastNewline(bytes, end - 1) + 1;
            if (begin == 0 && start > 0) {
                break;
            }
            JsonNode node = parse(bytes, begin, end);
            if (node != null) {
                return new LogTail(node, start + end + 1, size);
            }
            end = begin - 1;
        }
        if (start > 0 && window < WINDOW) {
            return null;
        }
        if (start > 0) {
            throw new IOException("no intact record in the last " + WINDOW + " bytes; run llmsh audit verify");
        }
        return new LogTail(null, 0, size);
    }

    private static int lastNewline(byte[] b, int from) {
        for (int i = from; i >= 0; i--) {
            if (b[i] == '\n') {
                return i;
            }
        }
        return -1;
    }

    private static JsonNode parse(byte[] b, int begin, int end) {
        try {
            JsonNode n = Json.mapper().readTree(new String(b, begin, end - begin, StandardCharsets.UTF_8));
            return n != null && n.isObject() && n.path("hash").isTextual() && n.path("seq").canConvertToLong() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }
}
