package dev.llmos.actions.packages;

import dev.llmos.actions.exec.SystemCommand;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * one package manager: the argv of each operation, how to read its database and its simulations,
 * and where its locks and cached package files live. backends only build argv and parse text, so
 * all three are tested without the manager installed; running them is the handlers' job.
 */
public interface PackageBackend {

    /** apt, dnf or pacman: the value of the {@code manager} field and of HostFacts.packageManager. */
    String name();

    /** the environment its tools run with: never interactive, the C locale (output is parsed). */
    Map<String, String> environment();

    /** lists every package the database knows, in a form {@link #parseSnapshot} reads. */
    List<String> snapshotArgv();

    /** installed packages by {@link InstalledPackage#key()}. */
    Map<String, InstalledPackage> parseSnapshot(String stdout);

    /** whether {@code path} is a package file this manager installs (.deb, .rpm, .pkg.tar.zst). */
    boolean acceptsFile(String path);

    /** the commands that install {@code names} from the repositories and {@code files} from disk, in order. */
    List<List<String>> installCommands(List<String> names, List<String> files);

    /** removes {@code names}, keeping their configuration files. */
    List<String> removeArgv(List<String> names);

    /** refreshes the package lists, or null when this manager should not do that alone. */
    List<String> refreshArgv();

    /** upgrades every installed package (never removing any where the manager can promise that). */
    List<String> upgradeArgv();

    /** the manager's own simulation of an install: changes nothing. */
    List<List<String>> simulateInstallCommands(List<String> names, List<String> files);

    List<String> simulateRemoveArgv(List<String> names);

    List<String> simulateUpgradeArgv();

    /** whether a simulation's exit status means it answered (dnf --assumeno exits 1 after printing its plan). */
    default boolean simulationAnswered(SystemCommand.Result r) {
        return r.ok();
    }

    /**
     * the simulation's transaction. installs of a package that is already present are upgrades;
     * backends whose output does not say which get {@code before} to tell.
     */
    Simulation parseSimulation(String stdout, Map<String, InstalledPackage> before);

    /** removes packages an action installed: {@code purge} also deletes their configuration. */
    List<String> uninstallArgv(List<InstalledPackage> packages, boolean purge);

    /** puts exact versions back: {@code files} are saved package files, the rest come from the repositories. */
    List<List<String>> reinstallCommands(List<InstalledPackage> fromRepositories, List<Path> files);

    /** the package file of exactly this version in the manager's download cache, or null. */
    Path cachedFile(InstalledPackage p);

    /**
     * names that the manager would not take literally (apt-get treats an unknown name with a dot
     * as a regular expression). {@code known} tells whether a name exists exactly; backends
     * without such a trap return an empty list.
     */
    default List<String> inexactNames(List<String> names, java.util.function.Predicate<String> known) {
        return List.of();
    }

    /** argv that lists the names starting with {@code prefix}, one a line, for {@link #inexactNames}; or null. */
    default List<String> namesArgv(String prefix) {
        return null;
    }
}
