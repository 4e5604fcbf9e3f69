package dev.llmos.actions.packages;

import dev.llmos.engine.spi.ActionHandler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * tiny .deb packages the tests build with dpkg-deb, so apt and dpkg install something real without
 * a network: each puts one text file under /usr/share/llmos-test/. they are installed into a
 * throwaway {@link Root}, never into the host's package database.
 */
public final class Debs {

    public static final String LIB = "llmos-test-lib";
    public static final String APP = "llmos-test-app";

    private Debs() {
    }

    /** whether this host can install packages into a throwaway root: root, dpkg, dpkg-deb and apt-get. */
    public static boolean canInstall() {
        return "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/bin/dpkg-deb"))
                && Files.isExecutable(Path.of("/usr/bin/apt-get")) && Files.isExecutable(Path.of("/usr/bin/dpkg"));
    }

    /** builds NAME_VERSION_all.deb in {@code dir}, depending on {@code depends} (a control field value) when not null. */
    public static Path build(Path dir, String name, String version, String depends) throws Exception {
        Path root = Files.createDirectories(dir.resolve("build-" + name + "-" + version));
        Files.createDirectories(root.resolve("DEBIAN"));
        Path share = Files.createDirectories(root.resolve("usr/share/llmos-test"));
        Files.writeString(share.resolve(name + ".txt"), name + " " + version + "\n");
        Files.writeString(root.resolve("DEBIAN/control"), "Package: " + name + "\nVersion: " + version
                + "\nArchitecture: all\nMaintainer: llm-os tests <tests@llmos.invalid>\n"
                + (depends == null ? "" : "Depends: " + depends + "\n")
                + "Description: llm-os test package\n a package llm-os's tests install and remove\n");
        Path deb = dir.resolve(name + "_" + version + "_all.deb");
        run(List.of("dpkg-deb", "--build", "--root-owner-group", root.toString(), deb.toString()), Map.of());
        return deb;
    }

    /**
     * an empty system for apt and dpkg under {@code dir}: its own dpkg database, apt configuration,
     * lists, cache and locks. apt reads only the configuration written here (APT_CONFIG, so not the
     * host's apt.conf.d and its hooks) and runs dpkg with {@code --root}, so the host's database, its
     * locks and its files are never touched. deleting the directory undoes everything.
     */
    public record Root(Path dir) {

        public static Root create(Path dir) throws Exception {
            Path d = dir.toAbsolutePath();
            for (String sub : List.of("var/lib/dpkg/info", "var/lib/dpkg/updates", "var/lib/dpkg/triggers",
                    "etc/apt/apt.conf.d", "etc/apt/preferences.d", "etc/apt/sources.list.d",
                    "var/cache/apt/archives/partial", "var/lib/apt/lists/partial", "var/log/apt")) {
                Files.createDirectories(d.resolve(sub));
            }
            Files.writeString(d.resolve("var/lib/dpkg/status"), "");
            Files.writeString(d.resolve("var/lib/dpkg/available"), "");
            Files.writeString(d.resolve("etc/apt/sources.list"), "");
            // outside etc/apt, so apt does not read it a second time as Dir::Etc::main
            Files.writeString(d.resolve("apt.conf"), """
                    Dir "%1$s/";
                    Dir::State::status "%1$s/var/lib/dpkg/status";
                    Dir::Etc "%1$s/etc/apt/";
                    DPkg::Options { "--root=%1$s"; };
                    """.formatted(d));
            return new Root(d);
        }

        /** what apt and dpkg need in their environment to act on this root. */
        public Map<String, String> environment() {
            return Map.of("APT_CONFIG", dir.resolve("apt.conf").toString(), "DPKG_ROOT", dir.toString());
        }

        /** the apt backend of this root, its download cache inside it. */
        public AptBackend apt() {
            return new AptBackend(archives(), environment());
        }

        /** the package handlers, acting on this root as if apt were the host's package manager. */
        public List<ActionHandler<?>> handlers() {
            PackageOps ops = new PackageOps(new Backends(apt()), () -> "apt");
            return List.of(new InstallPackagesHandler(ops), new RemovePackagesHandler(ops), new UpdateSystemHandler(ops));
        }

        public Path archives() {
            return dir.resolve("var/cache/apt/archives");
        }

        /** a path of the installed system, e.g. {@code /usr/share/llmos-test/x.txt} inside the root. */
        public Path file(String absolute) {
            return dir.resolve(absolute.substring(1));
        }

        /** apt's and dpkg's lock files in this root. */
        public List<String> locks() {
            return AptBackend.LOCKS.stream().map(l -> file(l).toString()).toList();
        }

        /** "ii 1.0-1" for an installed package, "absent" when dpkg has no trace of it. */
        public String state(String name) throws Exception {
            Process p = new ProcessBuilder("dpkg-query", "--root=" + dir, "-W", "-f", "${db:Status-Abbrev}${Version}", name)
                    .redirectErrorStream(false).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            p.waitFor(30, TimeUnit.SECONDS);
            return p.exitValue() != 0 || out.isEmpty() || out.startsWith("un") || out.startsWith("pn") ? "absent"
                    : out.replaceAll("\\s+", " ");
        }

        /** dpkg on this root: {@code dpkg("-i", file)}. */
        public void dpkg(String... args) throws Exception {
            List<String> argv = new ArrayList<>(List.of("dpkg", "--root=" + dir));
            argv.addAll(List.of(args));
            run(argv, environment());
        }
    }

    private static void run(List<String> argv, Map<String, String> environment) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        pb.environment().putAll(environment);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(argv + " timed out");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(argv + " failed: " + out);
        }
    }
}
