package dev.llmos.engine.policy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

import java.io.IOException;

/**
 * something that must hold right before an action runs. policy attaches them; the executor checks
 * them. each checks itself, so an action package can bring its own (a package manager lock, say).
 * on the wire each carries its {@code kind} and {@code description}, so a client can show one it
 * has no class for.
 */
@JsonDeserialize(using = Precondition.FromJson.class)
public interface Precondition {

    /** the wire name: path_exists, disk_free, ... */
    @JsonProperty("kind")
    String kind();

    /** one line for the decision table ("disk_free /var >= 100 MiB"). */
    @JsonProperty("description")
    String describe();

    Check check();

    /** the result of checking a precondition. */
    record Check(boolean ok, String detail) {
    }

    /**
     * a precondition as a client received it: shown, never checked here (the daemon checks the
     * real one right before the action runs).
     */
    record Reported(String kind, String description) implements Precondition {
        @Override
        public String describe() {
            return description;
        }

        @Override
        public Check check() {
            return new Check(false, "only the executor that attached it can check " + kind);
        }
    }

    /** reads the builtin kinds back into their records and any other kind as {@link Reported}. */
    final class FromJson extends JsonDeserializer<Precondition> {
        @Override
        public Precondition deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode node = ctxt.readTree(p);
            String kind = node.path("kind").asText();
            return switch (kind) {
                case "path_exists" -> new PathExists(node.path("path").asText());
                case "disk_free" -> new DiskFree(node.path("path").asText(), node.path("min_bytes").asLong());
                default -> new Reported(kind, node.path("description").asText(kind));
            };
        }
    }
}
