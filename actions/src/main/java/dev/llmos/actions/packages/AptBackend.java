package dev.llmos.actions.packages;

import dev.llmos.actions.exec.SystemCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** debian and ubuntu: apt-get for transactions, dpkg-query for the database. */
public final class AptBackend implements PackageBackend {

    static final List<String> LOCKS = List.of("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock",
            "/var/lib/apt/lists/lock", "/var/cache/apt/archives/lock");

    /** answers no question, keeps a locally changed config file, no pager, no colour. */
    private static final List<String> QUIET = List.of("-y", "-q", "-o", "Dpkg::Options::=--force-confdef",
            "-o", "Dpkg::Options::=--force-confold", "-o", "Dpkg::Use-Pty=0", "-o", "APT::Color=0");

    // lines look like: Inst name [old] (new release [arch]) | Remv name [old] | Purg name [old]
    private static final Pattern SIM = Pattern.compile(
            "^(Inst|Remv|Purg) (\\S+)(?: \\[([^\\]]+)\\])?(?: \\((\\S+)(?: [^\\[]*)?(?:\\[([^\\]]+)\\])?\\))?.*$");

    private final Path archives;
    private final Map<String, String> extraEnvironment;

    /**
     * {@code archives} is apt's download cache; {@code extraEnvironment} goes to every apt and dpkg
     * run. tests use both to act on a throwaway root (APT_CONFIG, DPKG_ROOT), never the host's.
     */
    public AptBackend(Path archives, Map<String, String> extraEnvironment) {
        this.archives = archives;
        this.extraEnvironment = Map.copyOf(extraEnvironment);
    }

    public AptBackend(Path archives) {
        this(archives, Map.of());
    }

    public AptBackend() {
        this(Path.of("/var/cache/apt/archives"));
    }

    @Override
    public String name() {
        return "apt";
    }

    @Override
    public Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>(SystemCommand.baseEnvironment());
        env.put("DEBIAN_FRONTEND", "noninteractive");
        env.put("DEBCONF_NONINTERACTIVE_SEEN", "true");
        env.put("APT_LISTCHANGES_FRONTEND", "none");
        env.put("APT_LISTBUGS_FRONTEND", "none");
        env.put("NEEDRESTART_MODE", "a");
        env.put("UCF_FORCE_CONFFOLD", "1");
        env.putAll(extraEnvironment);
        return env;
    }

    @Override
    public List<String> snapshotArgv() {
        return List.of("dpkg-query", "-W", "-f", "${Package}\\t${Architecture}\\t${Version}\\t${db:Status-Abbrev}\\n");
    }

    @Override
    public Map<String, InstalledPackage> parseSnapshot(String stdout) {
        Map<String, InstalledPackage> out = new LinkedHashMap<>();
        for (String line : stdout.split("\n")) {
            String[] f = line.split("\t", -1);
            if (f.length < 4 || f[0].isEmpty()) {
                continue;
            }
            String abbrev = f[3].trim();
            char state = abbrev.length() > 1 ? abbrev.charAt(1) : 'n';
            String status = switch (state) {
                case 'i' -> InstalledPackage.INSTALLED;
                case 'c' -> InstalledPackage.CONFIG_FILES;
                case 'n' -> null;
                default -> abbrev;
            };
            if (status != null) {
                InstalledPackage p = new InstalledPackage(f[0], f[1], f[2], status);
                out.put(p.key(), p);
            }
        }
        return out;
    }

    @Override
    public boolean acceptsFile(String path) {
        return path.endsWith(".deb");
    }

    @Override
    public List<List<String>> installCommands(List<String> names, List<String> files) {
        return List.of(command("install", names, files));
    }

    @Override
    public List<String> removeArgv(List<String> names) {
        return command("remove", names, List.of());
    }

    @Override
    public List<String> refreshArgv() {
        return List.of("apt-get", "update", "-q", "-o", "APT::Color=0");
    }

    @Override
    public List<String> upgradeArgv() {
        // upgrade, not dist-upgrade: it never removes a package and never installs a new one
        return command("upgrade", List.of(), List.of());
    }

    @Override
    public List<List<String>> simulateInstallCommands(List<String> names, List<String> files) {
        return List.of(simulate("install", names, files));
    }

    @Override
    public List<String> simulateRemoveArgv(List<String> names) {
        return simulate("remove", names, List.of());
    }

    @Override
    public List<String> simulateUpgradeArgv() {
        return simulate("upgrade", List.of(), List.of());
    }

    @Override
    public Simulation parseSimulation(String stdout, Map<String, InstalledPackage> before) {
        List<Simulation.Step> install = new ArrayList<>();
        List<Simulation.Step> upgrade = new ArrayList<>();
        List<Simulation.Step> remove = new ArrayList<>();
        List<String> text = new ArrayList<>();
        for (String line : stdout.split("\n")) {
            Matcher m = SIM.matcher(line);
            if (!m.matches()) {
                continue;
            }
            text.add(line);
            String name = m.group(2);
            String arch = m.group(5) == null ? "" : m.group(5);
            int colon = name.indexOf(':');
            if (colon > 0) {
                arch = name.substring(colon + 1);
                name = name.substring(0, colon);
            }
            if (m.group(1).equals("Inst")) {
                Simulation.Step step = new Simulation.Step(name, arch, m.group(3), m.group(4));
                (m.group(3) == null ? install : upgrade).add(step);
            } else {
                remove.add(new Simulation.Step(name, arch, m.group(3), null));
            }
        }
        return new Simulation(install, upgrade, remove, String.join("\n", text));
    }

    @Override
    public List<String> uninstallArgv(List<InstalledPackage> packages, boolean purge) {
        return command(purge ? "purge" : "remove", packages.stream().map(InstalledPackage::key).toList(), List.of());
    }

    @Override
    public List<List<String>> reinstallCommands(List<InstalledPackage> fromRepositories, List<Path> files) {
        List<String> argv = new ArrayList<>(List.of("apt-get", "install"));
        argv.addAll(QUIET);
        argv.add("--allow-downgrades");
        files.forEach(f -> argv.add(f.toString()));
        fromRepositories.forEach(p -> argv.add(p.key() + "=" + p.version()));
        return List.of(argv);
    }

    @Override
    public Path cachedFile(InstalledPackage p) {
        // apt names downloads name_version_arch.deb with the epoch's colon escaped
        Path file = archives.resolve(p.name() + "_" + p.version().replace(":", "%3a") + "_" + p.arch() + ".deb");
        return Files.isRegularFile(file) ? file : null;
    }

    @Override
    public List<String> inexactNames(List<String> names, Predicate<String> known) {
        // apt-get reads a name it does not know as a regular expression when it has a dot in it:
        // "remove libfoo.2" would remove every package that matches. only exact names go through
        return names.stream().filter(n -> !known.test(n.contains(":") ? n.substring(0, n.indexOf(':')) : n)).toList();
    }

    @Override
    public List<String> namesArgv(String prefix) {
        return List.of("apt-cache", "pkgnames", prefix);
    }

    private static List<String> command(String verb, List<String> names, List<String> files) {
        List<String> argv = new ArrayList<>(List.of("apt-get", verb));
        argv.addAll(QUIET);
        argv.addAll(names);
        argv.addAll(files);
        return argv;
    }

    private static List<String> simulate(String verb, List<String> names, List<String> files) {
        List<String> argv = new ArrayList<>(List.of("apt-get", "-s", "-q", "-o", "APT::Color=0", verb));
        argv.addAll(names);
        argv.addAll(files);
        return argv;
    }
}
