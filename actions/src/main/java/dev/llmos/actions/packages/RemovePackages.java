package dev.llmos.actions.packages;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of a {@code remove_packages} action. rules are written against these names: keep them.
 *
 * @param packages names as in the plan (an arch qualifier such as ":amd64" kept)
 * @param packageNames the same names without their arch qualifier, for {@code packageNames contains "openssh-server"}
 */
public record RemovePackages(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String manager,
        String hostManager,
        List<String> packages,
        List<String> packageNames,
        int timeoutSec) implements ActionFact {
}
