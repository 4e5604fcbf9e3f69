package dev.llmos.actions.packages;

import java.util.List;

/**
 * a {@code remove_packages} action's own fields. configuration files are kept (no purge), so an
 * undo gets the packages back as they were.
 */
public record RemovePackagesParams(String manager, List<String> packages, Integer timeoutSec) {

    public RemovePackagesParams {
        packages = packages == null ? List.of() : List.copyOf(packages);
    }
}
