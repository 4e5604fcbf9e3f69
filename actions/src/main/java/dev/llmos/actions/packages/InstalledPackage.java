package dev.llmos.actions.packages;

/**
 * one package as the package database lists it.
 *
 * @param arch the architecture ("amd64", "all", "x86_64"), or "" where the manager lists none (pacman)
 * @param status "installed", "config-files" (removed, configuration kept: dpkg's rc), "absent", or
 *               dpkg's two-letter state for a half-done one ("iU", "iF")
 */
public record InstalledPackage(String name, String arch, String version, String status) {

    public static final String INSTALLED = "installed";
    public static final String CONFIG_FILES = "config-files";
    public static final String ABSENT = "absent";

    /** name:arch, or the name alone when the manager lists no architecture. */
    public String key() {
        return arch.isEmpty() ? name : name + ":" + arch;
    }

    /** its files are on the system (fully installed or half-way); config-files and absent are not. */
    public boolean present() {
        return !status.equals(CONFIG_FILES) && !status.equals(ABSENT);
    }

    public InstalledPackage withStatus(String newStatus) {
        return new InstalledPackage(name, arch, version, newStatus);
    }

    @Override
    public String toString() {
        return key() + "=" + version;
    }
}
