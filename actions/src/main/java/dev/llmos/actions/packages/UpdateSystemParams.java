package dev.llmos.actions.packages;

/**
 * an {@code update_system} action's own fields.
 *
 * @param upgrade also upgrade the installed packages (default: only refresh the package lists)
 */
public record UpdateSystemParams(String manager, Boolean upgrade, Integer timeoutSec) {

    public boolean upgrades() {
        return Boolean.TRUE.equals(upgrade);
    }
}
