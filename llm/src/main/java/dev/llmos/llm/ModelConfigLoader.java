package dev.llmos.llm;

import dev.llmos.engine.config.ConfigLoader;
import dev.llmos.engine.config.Precedence;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * resolves a {@link ModelConfig}: flags, then environment ({@code LLMOS_} + the key in upper case),
 * then the config file (json, bound to {@link ModelConfigFile} by the engine's one config loader),
 * then defaults. every source uses the same keys,
 * so a flag {@code --base-url} is the key {@code base_url}, the variable {@code LLMOS_BASE_URL} and
 * the file entry {@code "base_url"}. an unknown key is an error rather than silently ignored.
 */
public final class ModelConfigLoader {

    /** the keys of every source, from the file's record, so a flag cannot name what the file cannot. */
    public static final List<String> KEYS = ConfigLoader.keys(ModelConfigFile.class);
    /** names a config file when no flag does. */
    public static final String ENV_CONFIG = "LLMOS_LLM_CONFIG";

    private ModelConfigLoader() {
    }

    /** the system-wide model config, read when nothing else names one. */
    public static final Path SYSTEM_FILE = Path.of("/etc/llm-os/llm.json");

    /**
     * the model config file to read: the flag's, else {@code $LLMOS_LLM_CONFIG}, else the first of
     * {@code $XDG_CONFIG_HOME/llm-os/llm.json} (or {@code ~/.config/llm-os/llm.json}) and
     * {@link #SYSTEM_FILE} that exists. a file named by flag or variable must exist.
     */
    public static Optional<Path> locate(Path flag, Map<String, String> env, Path home) {
        Path named = flag != null ? flag : Optional.ofNullable(env.get(ENV_CONFIG)).filter(v -> !v.isBlank()).map(Path::of).orElse(null);
        if (named != null) {
            // a named file may be a pipe (--llm-config <(...)): it is read once, so that works
            if (!Files.exists(named)) {
                throw new ConfigException("model config " + named + " does not exist");
            }
            return Optional.of(named);
        }
        Path xdg = Optional.ofNullable(env.get("XDG_CONFIG_HOME")).map(Path::of).filter(Path::isAbsolute)
                .orElse(home.resolve(".config"));
        return Stream.of(xdg.resolve("llm-os/llm.json"), SYSTEM_FILE).filter(Files::isRegularFile).findFirst();
    }

    /** the environment variable that sets {@code key}. */
    public static String envName(String key) {
        return "LLMOS_" + key.toUpperCase(Locale.ROOT);
    }

    /**
     * @param flags values given on the command line, by key; lists (launch, redact) as one string
     * @param env the process environment
     * @param file a config file, if one was named
     */
    public static ModelConfig load(Map<String, String> flags, Map<String, String> env, Optional<Path> file) {
        Map<String, Object> fromFile = file.map(ModelConfigLoader::read).orElse(Map.of());
        for (String key : flags.keySet()) {
            if (!KEYS.contains(key)) {
                throw new ConfigException("unknown model setting " + key + " (known: " + String.join(", ", KEYS) + ")");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (String key : KEYS) {
            Precedence.<Object>value(flags.get(key), Optional.ofNullable(env.get(envName(key))).filter(v -> !v.isBlank()),
                    Optional.ofNullable(fromFile.get(key))).ifPresent(v -> merged.put(key, v));
        }
        return build(merged);
    }

    /** the config file's entries by key (numbers as numbers, lists as lists), checked by the record's types. */
    static Map<String, Object> read(Path file) {
        try {
            return ConfigLoader.entries(ConfigLoader.read("model config", file, ModelConfigFile.class));
        } catch (dev.llmos.engine.config.ConfigException e) {
            if (e.pointer().equals("/api_key")) {
                throw new ConfigException("model config " + file + ": api_key does not belong in a file; put the key in an"
                        + " environment variable and name that variable with api_key_env", e);
            }
            throw new ConfigException(e.getMessage(), e);
        }
    }

    private static ModelConfig build(Map<String, Object> v) {
        ModelConfig d = ModelConfig.defaults();
        String baseUrl = ModelConfig.stripSlash(url("base_url", text(v, "base_url", d.baseUrl())));
        String health = v.containsKey("health_url") ? url("health_url", text(v, "health_url", null)) : null;
        double temperature = number(v, "temperature", d.temperature());
        if (temperature < 0 || temperature > 2) {
            throw new ConfigException("temperature must be between 0 and 2, got " + temperature);
        }
        return new ModelConfig(baseUrl, text(v, "model", d.model()), text(v, "api_key_env", d.apiKeyEnv()), temperature,
                seconds(v, "timeout_sec", d.timeout(), 1), integer(v, "max_repairs", d.maxRepairs(), 0, 10),
                integer(v, "max_steps", d.maxSteps(), 1, 100), argv(v.get("launch")), health,
                seconds(v, "warm_sec", d.warm(), 0), seconds(v, "start_timeout_sec", d.startTimeout(), 1),
                lines(v.get("redact")), integer(v, "result_chars", d.resultChars(), 100, 1_000_000),
                integer(v, "max_tokens", d.maxTokens(), 16, 1_000_000), integer(v, "context_tokens", d.contextTokens(), 0, 10_000_000));
    }

    private static String text(Map<String, Object> v, String key, String fallback) {
        Object value = v.get(key);
        if (value == null) {
            return fallback;
        }
        if (value instanceof List<?>) {
            throw new ConfigException(key + " must be a single value, not a list");
        }
        return value.toString();
    }

    private static String url(String key, String value) {
        try {
            URI uri = new URI(value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException(key + " must be an http or https url, got " + value);
            }
            return value;
        } catch (URISyntaxException e) {
            throw new ConfigException(key + " is not a url: " + value, e);
        }
    }

    private static double number(Map<String, Object> v, String key, double fallback) {
        String value = text(v, key, null);
        try {
            return value == null ? fallback : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a number, got " + value, e);
        }
    }

    private static int integer(Map<String, Object> v, String key, int fallback, int min, int max) {
        String value = text(v, key, null);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new ConfigException(key + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new ConfigException(key + " must be a whole number, got " + value, e);
        }
    }

    private static Duration seconds(Map<String, Object> v, String key, Duration fallback, double min) {
        double s = number(v, key, -1);
        if (s == -1) {
            return fallback;
        }
        if (s < min) {
            throw new ConfigException(key + " must be at least " + min + " seconds, got " + s);
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    /** a launch command: a json list as is, a string split like a shell would on spaces and quotes. */
    static List<String> argv(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return Argv.split(value.toString());
    }

    /** redaction patterns: a json list, or one pattern per line in a string. */
    private static List<String> lines(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(Object::toString).toList();
        }
        return value.toString().lines().map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** a configuration that cannot be used; the message names the setting. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }

        public ConfigException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
