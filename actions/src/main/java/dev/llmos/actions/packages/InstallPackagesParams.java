package dev.llmos.actions.packages;

import java.util.List;

/**
 * an {@code install_packages} action's own fields.
 *
 * @param manager apt, dnf or pacman; null for the host's own
 * @param packages names from the configured repositories
 * @param files absolute paths of local package files (.deb, .rpm, .pkg.tar.zst)
 * @param timeoutSec seconds before the package manager's process group is killed, or null
 */
public record InstallPackagesParams(String manager, List<String> packages, List<String> files, Integer timeoutSec) {

    public InstallPackagesParams {
        packages = packages == null ? List.of() : List.copyOf(packages);
        files = files == null ? List.of() : List.copyOf(files);
    }
}
