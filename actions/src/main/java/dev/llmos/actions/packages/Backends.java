package dev.llmos.actions.packages;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** the package managers the handlers can drive, by name. */
public final class Backends {

    private final Map<String, PackageBackend> byName = new LinkedHashMap<>();

    /** {@code backends} replace the standard one of the same name (tests give apt its own cache). */
    public Backends(PackageBackend... backends) {
        for (PackageBackend b : new PackageBackend[]{new AptBackend(), new DnfBackend(), new PacmanBackend()}) {
            byName.put(b.name(), b);
        }
        for (PackageBackend b : backends) {
            byName.put(b.name(), b);
        }
    }

    public Optional<PackageBackend> get(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }
}
