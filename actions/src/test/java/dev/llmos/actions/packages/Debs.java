package dev.llmos.actions.packages;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * tiny .deb packages the tests build with dpkg-deb, so apt and dpkg install something real without
 * a network: each puts one text file under /usr/share/llmos-test/.
 */
public final class Debs {

    public static final String LIB = "llmos-test-lib";
    public static final String APP = "llmos-test-app";

    private Debs() {
    }

    /** whether this host can install packages for real: root, dpkg, dpkg-deb and apt-get. */
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
        run("dpkg-deb", "--build", "--root-owner-group", root.toString(), deb.toString());
        return deb;
    }

    /** "ii 1.0-1" for an installed package, "absent" when dpkg has no trace of it. */
    public static String state(String name) throws Exception {
        Process p = new ProcessBuilder("dpkg-query", "-W", "-f", "${db:Status-Abbrev}${Version}", name)
                .redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor(30, TimeUnit.SECONDS);
        return p.exitValue() != 0 || out.isEmpty() || out.startsWith("un") || out.startsWith("pn") ? "absent"
                : out.replaceAll("\\s+", " ");
    }

    /** leaves no trace of the test packages, whatever a test did. */
    public static void purgeAll() throws Exception {
        run(List.of("dpkg", "--purge", APP, LIB), true);
    }

    public static void run(String... argv) throws Exception {
        run(List.of(argv), false);
    }

    private static void run(List<String> argv, boolean tolerant) throws Exception {
        List<String> command = new ArrayList<>(argv);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DEBIAN_FRONTEND", "noninteractive");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(argv + " timed out");
        }
        if (p.exitValue() != 0 && !tolerant) {
            throw new IllegalStateException(argv + " failed: " + out);
        }
    }
}
