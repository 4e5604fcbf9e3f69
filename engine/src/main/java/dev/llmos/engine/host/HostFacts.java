package dev.llmos.engine.host;

/**
 * what policy knows of the machine.
 *
 * @param os the os-release id (debian, ubuntu, fedora, arch), or "unknown"
 * @param packageManager apt, dnf, pacman, or "none"
 * @param initSystem systemd when it is pid 1, otherwise "other"
 */
public record HostFacts(String hostname, String os, String osVersion, String arch, String packageManager, String initSystem) {
}
