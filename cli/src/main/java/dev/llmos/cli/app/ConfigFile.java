package dev.llmos.cli.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * the admin's config file: json ({@code {"policy_dir": "/etc/llm-os/policies"}}) or java
 * properties ({@code policy_dir=/etc/llm-os/policies}). relative paths are relative to the file.
 * an unknown key is an error, so a misspelt one is not silently ignored.
 */
public record ConfigFile(Optional<Path> policyDir, Optional<Path> stateDir, Optional<Path> auditLog,
                         Optional<Path> cacheDir, Map<String, String> values, Path dir) {

    public static final ConfigFile EMPTY = new ConfigFile(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Map.of(), Path.of("/"));
    /** the keys llmsh reads. */
    static final Set<String> PATH_KEYS = Set.of("policy_dir", "state_dir", "audit_log", "cache_dir");
    /** the keys of the daemon (and of llmsh's client side: socket). */
    static final Set<String> DAEMON_KEYS = Set.of("socket", "socket_group", "allowed_users", "allowed_groups",
            "admin_groups", "idle_exit_sec", "max_clients", "max_request_bytes", "read_timeout_ms",
            // the daemon's guards against lockout (docs/decisions/0014)
            "max_clients_per_uid", "reserved_slots", "idle_timeout_sec", "write_timeout_sec", "max_plans_per_user");
    static final Set<String> KEYS = java.util.stream.Stream.concat(PATH_KEYS.stream(), DAEMON_KEYS.stream())
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    public ConfigFile {
        values = Map.copyOf(values);
    }

    /** a value as written, if present and not blank. */
    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank());
    }

    /** a path value, relative to the config file's directory. */
    public Optional<Path> path(String key) {
        return value(key).map(v -> dir.resolve(v).normalize());
    }

    public static ConfigFile read(Path file) {
        if (!Files.exists(file)) {
            throw new BadInputException("config " + file + " does not exist");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new BadInputException("cannot read config " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> values = isJson(file, text) ? json(file, text) : properties(file, text);
        for (String key : values.keySet()) {
            if (!KEYS.contains(key)) {
                throw new BadInputException("config " + file + ": unknown key " + key + " (known: "
                        + String.join(", ", KEYS.stream().sorted().toList()) + ")");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        return new ConfigFile(path(values, "policy_dir", dir), path(values, "state_dir", dir),
                path(values, "audit_log", dir), path(values, "cache_dir", dir), values, dir);
    }

    private static boolean isJson(Path file, String text) {
        return file.getFileName().toString().endsWith(".json") || text.stripLeading().startsWith("{");
    }

    private static Map<String, String> json(Path file, String text) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new BadInputException("config " + file + ": not valid json: " + e.getOriginalMessage(), e);
        }
        if (node == null || !node.isObject()) {
            throw new BadInputException("config " + file + ": expected a json object");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (var field : node.properties()) {
            JsonNode v = field.getValue();
            if (v.isArray()) {
                // lists (allowed_groups, ...) may be json arrays of strings
                java.util.List<String> items = new java.util.ArrayList<>();
                v.forEach(item -> items.add(item.asText()));
                out.put(field.getKey(), String.join(",", items));
            } else if (v.isTextual() || v.isNumber()) {
                out.put(field.getKey(), v.asText());
            } else {
                throw new BadInputException("config " + file + ": " + field.getKey() + " must be a string, number or list");
            }
        }
        return out;
    }

    private static Map<String, String> properties(Path file, String text) {
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new BadInputException("config " + file + ": not a properties file: " + e.getMessage(), e);
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().stream().sorted().forEach(k -> out.put(k, props.getProperty(k).trim()));
        return out;
    }

    private static Optional<Path> path(Map<String, String> values, String key, Path dir) {
        return Optional.ofNullable(values.get(key)).filter(v -> !v.isBlank()).map(v -> dir.resolve(v).normalize());
    }
}
