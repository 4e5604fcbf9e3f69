package dev.llmos.actions.packages;

import dev.llmos.actions.exec.SystemCommand;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * fedora, rhel and friends: dnf for transactions, rpm for the database. argv and parsing only are
 * tested here (no dnf on a debian host).
 */
public final class DnfBackend implements PackageBackend {

    static final List<String> LOCKS = List.of("/var/lib/rpm/.rpm.lock");

    private static final Set<String> INSTALLING = Set.of("Installing:", "Installing dependencies:",
            "Installing weak dependencies:", "Reinstalling:");
    private static final Set<String> UPGRADING = Set.of("Upgrading:", "Downgrading:");
    private static final Set<String> REMOVING = Set.of("Removing:", "Removing dependent packages:",
            "Removing unused dependencies:");

    @Override
    public String name() {
        return "dnf";
    }

    @Override
    public Map<String, String> environment() {
        return SystemCommand.baseEnvironment();
    }

    @Override
    public List<String> snapshotArgv() {
        return List.of("rpm", "-qa", "--qf", "%{NAME}\\t%{ARCH}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n");
    }

    @Override
    public Map<String, InstalledPackage> parseSnapshot(String stdout) {
        Map<String, InstalledPackage> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length >= 3 && !f[0].isEmpty() && !f[0].equals("gpg-pubkey")) {
                InstalledPackage p = new InstalledPackage(f[0], f[1], f[2], InstalledPackage.INSTALLED);
                out.put(p.key(), p);
            }
        }
        return out;
    }

    @Override
    public boolean acceptsFile(String path) {
        return path.endsWith(".rpm");
    }

    @Override
    public List<List<String>> installCommands(List<String> names, List<String> files) {
        List<String> argv = new ArrayList<>(List.of("dnf", "install", "-y"));
        argv.addAll(names);
        argv.addAll(files);
        return List.of(argv);
    }

    @Override
    public List<String> removeArgv(List<String> names) {
        List<String> argv = new ArrayList<>(List.of("dnf", "remove", "-y"));
        argv.addAll(names);
        return argv;
    }

    @Override
    public List<String> refreshArgv() {
        return List.of("dnf", "makecache", "--refresh", "-y");
    }

    @Override
    public List<String> upgradeArgv() {
        return List.of("dnf", "upgrade", "-y");
    }

    @Override
    public List<List<String>> simulateInstallCommands(List<String> names, List<String> files) {
        List<String> argv = new ArrayList<>(List.of("dnf", "install", "--assumeno"));
        argv.addAll(names);
        argv.addAll(files);
        return List.of(argv);
    }

    @Override
    public List<String> simulateRemoveArgv(List<String> names) {
        List<String> argv = new ArrayList<>(List.of("dnf", "remove", "--assumeno"));
        argv.addAll(names);
        return argv;
    }

    @Override
    public List<String> simulateUpgradeArgv() {
        return List.of("dnf", "upgrade", "--assumeno", "--cacheonly");
    }

    @Override
    public boolean simulationAnswered(SystemCommand.Result r) {
        // --assumeno prints the transaction, then answers no and exits 1
        return r.ok() || (r.exitCode() == 1 && !r.timedOut()
                && (r.stdout().text().contains("Operation aborted") || r.stderr().text().contains("Operation aborted")));
    }

    @Override
    public Simulation parseSimulation(String stdout, Map<String, InstalledPackage> before) {
        List<Simulation.Step> install = new ArrayList<>();
        List<Simulation.Step> upgrade = new ArrayList<>();
        List<Simulation.Step> remove = new ArrayList<>();
        List<String> text = new ArrayList<>();
        List<Simulation.Step> section = null;
        String pending = null;
        for (String raw : stdout.split("\n")) {
            String line = raw.stripTrailing();
            String trimmed = line.strip();
            if (INSTALLING.contains(trimmed)) {
                section = install;
            } else if (UPGRADING.contains(trimmed)) {
                section = upgrade;
            } else if (REMOVING.contains(trimmed)) {
                section = remove;
            } else if (trimmed.startsWith("Transaction Summary") || trimmed.startsWith("=")) {
                section = trimmed.startsWith("=") ? section : null;
                continue;
            } else if (section != null && line.startsWith(" ") && !trimmed.isEmpty() && !trimmed.startsWith("replacing")) {
                String joined = pending == null ? trimmed : pending + " " + trimmed;
                String[] f = joined.split("\\s+");
                if (f.length == 1) {
                    // a long name alone on its line: the rest follows on the next
                    pending = joined;
                    continue;
                }
                pending = null;
                if (f.length >= 3) {
                    text.add(joined);
                    InstalledPackage old = before.get(f[0] + ":" + f[1]);
                    if (section == remove) {
                        remove.add(new Simulation.Step(f[0], f[1], f[2], null));
                    } else if (section == upgrade || old != null) {
                        upgrade.add(new Simulation.Step(f[0], f[1], old == null ? null : old.version(), f[2]));
                    } else {
                        install.add(new Simulation.Step(f[0], f[1], null, f[2]));
                    }
                }
                continue;
            } else {
                continue;
            }
            text.add(trimmed);
        }
        return new Simulation(install, upgrade, remove, String.join("\n", text));
    }

    @Override
    public List<String> uninstallArgv(List<InstalledPackage> packages, boolean purge) {
        // rpm has no separate purge: changed config files are kept as .rpmsave either way
        List<String> argv = new ArrayList<>(List.of("dnf", "remove", "-y"));
        packages.forEach(p -> argv.add(p.name() + "." + p.arch()));
        return argv;
    }

    @Override
    public List<List<String>> reinstallCommands(List<InstalledPackage> fromRepositories, List<Path> files) {
        // dnf install NEVRA installs that exact version, downgrading when it must
        List<String> argv = new ArrayList<>(List.of("dnf", "install", "-y"));
        files.forEach(f -> argv.add(f.toString()));
        fromRepositories.forEach(p -> argv.add(p.name() + "-" + p.version() + "." + p.arch()));
        return List.of(argv);
    }

    @Override
    public Path cachedFile(InstalledPackage p) {
        // dnf keeps no downloads unless keepcache is set; reinstalls come from the repositories
        return null;
    }
}
