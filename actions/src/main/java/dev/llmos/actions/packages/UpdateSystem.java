package dev.llmos.actions.packages;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of an {@code update_system} action. rules are written against these names: keep them.
 *
 * @param upgrade whether installed packages are upgraded too, not only the lists refreshed
 */
public record UpdateSystem(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String manager,
        String hostManager,
        boolean upgrade,
        int timeoutSec) implements ActionFact {
}
