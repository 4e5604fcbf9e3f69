package dev.llmos.cli.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * what the command line reads from its surroundings, injected so tests never see the real
 * /etc/llm-os, /var/lib/llm-os or the developer's home.
 *
 * @param vars environment variables
 * @param home the user's home directory
 * @param root whether the process runs as uid 0 (system-wide defaults then apply)
 * @param llmosHome the installation root the launcher passes as {@code -Dllmos.home}, if any
 * @param defaultConfig the config file read when it exists and none is named
 * @param cwd what relative paths in plans and flags are resolved against
 */
public record Env(Map<String, String> vars, Path home, boolean root, Optional<Path> llmosHome, Path defaultConfig,
                  Path cwd) {

    public static final Path SYSTEM_CONFIG = Path.of("/etc/llm-os/config.json");

    public Env {
        vars = Map.copyOf(vars);
    }

    public static Env system(boolean root) {
        String llmosHome = System.getProperty("llmos.home");
        return new Env(System.getenv(), Path.of(System.getProperty("user.home")), root,
                Optional.ofNullable(llmosHome).filter(s -> !s.isBlank()).map(Path::of), SYSTEM_CONFIG,
                Path.of("").toAbsolutePath());
    }

    /** a variable, unless unset or empty. */
    public Optional<String> var(String name) {
        return Optional.ofNullable(vars.get(name)).filter(s -> !s.isBlank());
    }
}
