package dev.llmos.actions.packages;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of an {@code install_packages} action. rules are written against these names: keep them.
 *
 * @param manager the package manager that will run: the plan's, else the host's
 * @param hostManager the host's package manager (HostFacts.packageManager), for "manager != hostManager"
 * @param packages names from the repositories, as in the plan
 * @param files real paths (symlinks followed) of local package files: nobody signed these
 * @param timeoutSec the timeout that will apply
 */
public record InstallPackages(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String manager,
        String hostManager,
        List<String> packages,
        List<String> files,
        int timeoutSec) implements ActionFact {
}
