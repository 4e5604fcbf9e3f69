package dev.llmos.engine.config;

import java.nio.file.Path;

/**
 * a config file that cannot be used: which file, where in it (a json pointer, empty for the
 * whole file) and what is wrong, e.g. {@code config /etc/llm-os/config.json: /max_clients:
 * expected a whole number, got a string}.
 */
public final class ConfigException extends RuntimeException {

    private final transient Path file;
    private final String pointer;
    private final String problem;

    public ConfigException(String what, Path file, String pointer, String problem) {
        this(what, file, pointer, problem, null);
    }

    public ConfigException(String what, Path file, String pointer, String problem, Throwable cause) {
        super(what + " " + file + (pointer.isEmpty() ? wholeFile(problem) : ": " + pointer + ": ") + problem, cause);
        this.file = file;
        this.pointer = pointer;
        this.problem = problem;
    }

    // "config F does not exist" reads as a sentence; "config F: not valid json ..." as a place and a problem
    private static String wholeFile(String problem) {
        return problem.startsWith("does not") || problem.startsWith("is empty") || problem.startsWith("cannot") ? " " : ": ";
    }

    public Path file() {
        return file;
    }

    /** the key's json pointer ({@code /allowed_groups/1}), empty when the whole file is meant. */
    public String pointer() {
        return pointer;
    }

    public String problem() {
        return problem;
    }
}
