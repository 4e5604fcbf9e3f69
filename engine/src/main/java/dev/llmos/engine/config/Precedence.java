package dev.llmos.engine.config;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * the one place that says which source of a setting wins: the flag, else the environment, else
 * the config file, else the default. llmsh's settings, llm-osd's socket and limits and the model
 * config all resolve through here, so the order cannot drift between them.
 */
public final class Precedence {

    /** where a value came from; callers that must tell (a named socket that does not answer) keep it. */
    public enum Source { FLAG, ENVIRONMENT, FILE, DEFAULT }

    /** a value and the source that gave it. */
    public record Resolved<T>(T value, Source source) {
    }

    private Precedence() {
    }

    /** the first of flag (null when not given), environment and file that is present. */
    public static <T> Optional<Resolved<T>> first(T flag, Optional<? extends T> env, Optional<? extends T> file) {
        if (flag != null) {
            return Optional.of(new Resolved<>(flag, Source.FLAG));
        }
        if (env.isPresent()) {
            return Optional.of(new Resolved<T>(env.get(), Source.ENVIRONMENT));
        }
        return file.map(v -> new Resolved<T>(v, Source.FILE));
    }

    /** the value alone, when any source but the default gave one. */
    public static <T> Optional<T> value(T flag, Optional<? extends T> env, Optional<? extends T> file) {
        return first(flag, env, file).map(Resolved::value);
    }

    /** the value, falling back to the default (computed only when needed). */
    public static <T> Resolved<T> resolve(T flag, Optional<? extends T> env, Optional<? extends T> file, Supplier<T> fallback) {
        return first(flag, env, file).orElseGet(() -> new Resolved<>(fallback.get(), Source.DEFAULT));
    }
}
