package dev.llmos.actions.packages;

import dev.llmos.actions.exec.SystemCommand;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * arch linux: pacman for transactions and the database. argv and parsing only are tested here
 * (no pacman on a debian host).
 */
public final class PacmanBackend implements PackageBackend {

    static final List<String> LOCKS = List.of("/var/lib/pacman/db.lck");
    private static final String FORMAT = "%n\t%v";

    private final Path cache;

    public PacmanBackend(Path cache) {
        this.cache = cache;
    }

    public PacmanBackend() {
        this(Path.of("/var/cache/pacman/pkg"));
    }

    @Override
    public String name() {
        return "pacman";
    }

    @Override
    public Map<String, String> environment() {
        return SystemCommand.baseEnvironment();
    }

    @Override
    public List<String> snapshotArgv() {
        return List.of("pacman", "-Q");
    }

    @Override
    public Map<String, InstalledPackage> parseSnapshot(String stdout) {
        Map<String, InstalledPackage> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2) {
                out.put(f[0], new InstalledPackage(f[0], "", f[1], InstalledPackage.INSTALLED));
            }
        }
        return out;
    }

    @Override
    public boolean acceptsFile(String path) {
        return path.matches(".*\\.pkg\\.tar(\\.(zst|xz|gz|bz2))?$");
    }

    @Override
    public List<List<String>> installCommands(List<String> names, List<String> files) {
        List<List<String>> out = new ArrayList<>();
        if (!files.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("pacman", "-U", "--noconfirm"));
            argv.addAll(files);
            out.add(argv);
        }
        if (!names.isEmpty()) {
            // --needed: a package that is already current is not reinstalled
            List<String> argv = new ArrayList<>(List.of("pacman", "-S", "--noconfirm", "--needed"));
            argv.addAll(names);
            out.add(argv);
        }
        return out;
    }

    @Override
    public List<String> removeArgv(List<String> names) {
        List<String> argv = new ArrayList<>(List.of("pacman", "-R", "--noconfirm"));
        argv.addAll(names);
        return argv;
    }

    /** pacman -Sy without -u is a partial upgrade waiting to happen: arch supports none. */
    @Override
    public List<String> refreshArgv() {
        return null;
    }

    @Override
    public List<String> upgradeArgv() {
        return List.of("pacman", "-Syu", "--noconfirm");
    }

    @Override
    public List<List<String>> simulateInstallCommands(List<String> names, List<String> files) {
        List<List<String>> out = new ArrayList<>();
        if (!files.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("pacman", "-U", "--print", "--print-format", FORMAT));
            argv.addAll(files);
            out.add(argv);
        }
        if (!names.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("pacman", "-S", "--needed", "--print", "--print-format", FORMAT));
            argv.addAll(names);
            out.add(argv);
        }
        return out;
    }

    @Override
    public List<String> simulateRemoveArgv(List<String> names) {
        // lines from -R are removals: told apart from installs by the "remove" marker the handler adds
        List<String> argv = new ArrayList<>(List.of("pacman", "-R", "--print", "--print-format", "remove\t" + FORMAT));
        argv.addAll(names);
        return argv;
    }

    @Override
    public List<String> simulateUpgradeArgv() {
        // without -y: what the current sync databases would upgrade, refreshing nothing
        return List.of("pacman", "-Su", "--print", "--print-format", FORMAT);
    }

    @Override
    public Simulation parseSimulation(String stdout, Map<String, InstalledPackage> before) {
        List<Simulation.Step> install = new ArrayList<>();
        List<Simulation.Step> upgrade = new ArrayList<>();
        List<Simulation.Step> remove = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length == 3 && f[0].equals("remove")) {
                remove.add(new Simulation.Step(f[1], "", f[2], null));
                text.add("remove " + f[1] + " " + f[2]);
            } else if (f.length == 2 && !f[0].isBlank() && !f[0].startsWith(":")) {
                InstalledPackage old = before.get(f[0]);
                (old == null ? install : upgrade).add(new Simulation.Step(f[0], "", old == null ? null : old.version(), f[1]));
                text.add((old == null ? "install " : "upgrade ") + f[0] + " " + f[1]);
            }
        }
        return new Simulation(install, upgrade, remove, String.join("\n", text));
    }

    @Override
    public List<String> uninstallArgv(List<InstalledPackage> packages, boolean purge) {
        // -n: no .pacsave copies of changed config files, as if the package had never been there
        List<String> argv = new ArrayList<>(List.of("pacman", purge ? "-Rn" : "-R", "--noconfirm"));
        packages.forEach(p -> argv.add(p.name()));
        return argv;
    }

    @Override
    public List<List<String>> reinstallCommands(List<InstalledPackage> fromRepositories, List<Path> files) {
        List<List<String>> out = new ArrayList<>();
        if (!files.isEmpty()) {
            List<String> argv = new ArrayList<>(List.of("pacman", "-U", "--noconfirm"));
            files.forEach(f -> argv.add(f.toString()));
            out.add(argv);
        }
        if (!fromRepositories.isEmpty()) {
            // the sync repositories carry only the newest version: an exact one comes from the cache
            // only, so the handler's check afterwards reports a package that came back newer
            List<String> argv = new ArrayList<>(List.of("pacman", "-S", "--noconfirm"));
            fromRepositories.forEach(p -> argv.add(p.name()));
            out.add(argv);
        }
        return out;
    }

    @Override
    public Path cachedFile(InstalledPackage p) {
        if (!Files.isDirectory(cache)) {
            return null;
        }
        String prefix = p.name() + "-" + p.version() + "-";
        try (Stream<Path> files = Files.list(cache)) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix) && acceptsFile(f.toString())
                            && f.getFileName().toString().substring(prefix.length()).matches("[a-z0-9_]+\\.pkg\\.tar.*"))
                    .sorted().findFirst().orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
