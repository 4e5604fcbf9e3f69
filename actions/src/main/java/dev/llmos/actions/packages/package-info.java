/**
 * install_packages, remove_packages and update_system through the host's package manager (apt,
 * dnf, pacman): a simulation for dry runs, a snapshot of installed versions before and after for
 * exact changes and undo, and the {@link dev.llmos.actions.packages.LockFree} precondition.
 */
package dev.llmos.actions.packages;
