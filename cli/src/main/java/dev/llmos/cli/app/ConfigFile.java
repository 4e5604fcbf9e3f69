package dev.llmos.cli.app;

import dev.llmos.engine.config.ConfigException;
import dev.llmos.engine.config.ConfigLoader;

import java.nio.file.Path;
import java.util.Optional;

/**
 * the admin's config file, read once per process ({@link ConfigLoader} into {@link ConfigJson}),
 * with its paths taken relative to the file's directory.
 *
 * @param file the file that was read; empty when there was none
 */
public record ConfigFile(Optional<Path> file, ConfigJson values) {

    public static final ConfigFile NONE = new ConfigFile(Optional.empty(), ConfigJson.EMPTY);

    /** reads and checks the file; anything wrong in it is bad input naming the file and the key. */
    public static ConfigFile read(Path file) {
        try {
            return new ConfigFile(Optional.of(file), ConfigLoader.read("config", file, ConfigJson.class));
        } catch (ConfigException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    public Optional<Path> policyDir() {
        return path(values.policyDir());
    }

    public Optional<Path> stateDir() {
        return path(values.stateDir());
    }

    public Optional<Path> auditLog() {
        return path(values.auditLog());
    }

    public Optional<Path> cacheDir() {
        return path(values.cacheDir());
    }

    public Optional<Path> socket() {
        return path(values.socket());
    }

    /** a blank path is as if the key were left out. */
    private Optional<Path> path(String value) {
        Path dir = file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("/"));
        return Optional.ofNullable(value).filter(v -> !v.isBlank()).map(v -> dir.resolve(v).normalize());
    }
}
