package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * walks the hash chain of an audit log and reports the first line that does not fit: edited
 * (its hash no longer matches its content), removed or reordered (its prev or seq does not follow
 * the line before). removing lines from the end leaves a shorter valid chain; the daemon's journal
 * and external copies are the defence there, and the summary says how many lines were checked.
 */
public final class AuditVerifier {

    /**
     * @param badLine 1-based line of the first problem, 0 when the chain verifies
     * @param lines how many lines were read
     */
    public record Result(boolean ok, long badLine, String problem, long lines, String lastHash) {
    }

    private AuditVerifier() {
    }

    public static Result verify(Path file) throws IOException {
        String prev = AuditLog.GENESIS;
        long seq = 0;
        long n = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                n++;
                JsonNode node;
                try {
                    node = Json.mapper().readTree(line);
                } catch (IOException e) {
                    return new Result(false, n, "not a json object (the line was damaged or edited)", n, prev);
                }
                if (node == null || !node.isObject() || !node.has("hash")) {
                    return new Result(false, n, "not an audit entry (no hash field)", n, prev);
                }
                if (!AuditLog.hash(node).equals(node.path("hash").asText())) {
                    return new Result(false, n, "edited: its content no longer matches its hash", n, prev);
                }
                if (!prev.equals(node.path("prev").asText())) {
                    return new Result(false, n, n == 1
                            ? "does not start the chain: lines before it were removed"
                            : "does not follow line " + (n - 1) + ": a line was removed or reordered", n, prev);
                }
                if (node.path("seq").asLong() != seq + 1) {
                    return new Result(false, n, "sequence " + node.path("seq").asLong() + " where " + (seq + 1) + " was expected", n, prev);
                }
                prev = node.path("hash").asText();
                seq++;
            }
        }
        return new Result(true, 0, null, n, prev);
    }
}
