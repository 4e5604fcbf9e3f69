package dev.llmos.actions.packages;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the argv each backend builds and how it reads its manager's output. apt is also run for real
 * (AptRealTest); dnf and pacman are not installed on this debian host, so for them this test is
 * all there is: argv and parsing of their documented output, never a real run.
 */
class BackendArgvTest {

    private static final List<String> APT_QUIET = List.of("-y", "-q", "-o", "Dpkg::Options::=--force-confdef",
            "-o", "Dpkg::Options::=--force-confold", "-o", "Dpkg::Use-Pty=0", "-o", "APT::Color=0");

    private static List<String> apt(String verb, String... rest) {
        List<String> argv = new java.util.ArrayList<>(List.of("apt-get", verb));
        argv.addAll(APT_QUIET);
        argv.addAll(List.of(rest));
        return argv;
    }

    @Test
    void aptArgv() {
        AptBackend apt = new AptBackend();
        assertEquals(List.of(
                        List.of(apt("install", "htop", "/tmp/x.deb")),
                        apt("remove", "htop"),
                        List.of("apt-get", "update", "-q", "-o", "APT::Color=0"),
                        apt("upgrade"),
                        List.of(List.of("apt-get", "-s", "-q", "-o", "APT::Color=0", "install", "htop", "/tmp/x.deb")),
                        List.of("apt-get", "-s", "-q", "-o", "APT::Color=0", "remove", "htop"),
                        List.of("apt-get", "-s", "-q", "-o", "APT::Color=0", "upgrade"),
                        apt("purge", "a:amd64"),
                        apt("remove", "a:amd64"),
                        List.of(withDowngrades(apt("install", "/saved/b.deb", "a:amd64=1:2.0-1"))),
                        List.of("dpkg-query", "-W", "-f", "${Package}\\t${Architecture}\\t${Version}\\t${db:Status-Abbrev}\\n")),
                List.of(apt.installCommands(List.of("htop"), List.of("/tmp/x.deb")), apt.removeArgv(List.of("htop")),
                        apt.refreshArgv(), apt.upgradeArgv(),
                        apt.simulateInstallCommands(List.of("htop"), List.of("/tmp/x.deb")),
                        apt.simulateRemoveArgv(List.of("htop")), apt.simulateUpgradeArgv(),
                        apt.uninstallArgv(List.of(pkg("a", "amd64", "1.0")), true),
                        apt.uninstallArgv(List.of(pkg("a", "amd64", "1.0")), false),
                        apt.reinstallCommands(List.of(pkg("a", "amd64", "1:2.0-1")), List.of(Path.of("/saved/b.deb"))),
                        apt.snapshotArgv()));
        assertEquals("noninteractive", apt.environment().get("DEBIAN_FRONTEND"));
        assertEquals("C", apt.environment().get("LC_ALL"));
    }

    private static List<String> withDowngrades(List<String> argv) {
        List<String> out = new java.util.ArrayList<>(argv.subList(0, 2 + APT_QUIET.size()));
        out.add("--allow-downgrades");
        out.addAll(argv.subList(2 + APT_QUIET.size(), argv.size()));
        return out;
    }

    private static InstalledPackage pkg(String name, String arch, String version) {
        return new InstalledPackage(name, arch, version, InstalledPackage.INSTALLED);
    }

    @Test
    void aptReadsDpkgStatesAndItsSimulation() {
        AptBackend apt = new AptBackend();
        Map<String, InstalledPackage> db = apt.parseSnapshot("""
                bash\tamd64\t5.2.15-2+b8\tii\s
                old\tall\t1.0\trc\s
                gone\tall\t\tun\s
                half\tamd64\t2.0\tiU\s
                """);
        assertEquals(List.of(pkg("bash", "amd64", "5.2.15-2+b8"), new InstalledPackage("old", "all", "1.0", "config-files"),
                new InstalledPackage("half", "amd64", "2.0", "iU")), List.copyOf(db.values()));
        assertEquals(List.of(true, false, true), db.values().stream().map(InstalledPackage::present).toList());

        Simulation s = apt.parseSimulation("""
                Reading package lists...
                The following NEW packages will be installed:
                  llmos-test-app
                Inst libfoo [1.0-1] (1.1-1 Debian:12/stable [amd64])
                Inst llmos-test-app (1.0-1 local-deb [all])
                Remv oldthing:amd64 [3.1]
                Conf llmos-test-app (1.0-1 local-deb [all])
                """, Map.of());
        assertEquals(List.of(new Simulation.Step("llmos-test-app", "all", null, "1.0-1")), s.install());
        assertEquals(List.of(new Simulation.Step("libfoo", "amd64", "1.0-1", "1.1-1")), s.upgrade());
        assertEquals(List.of(new Simulation.Step("oldthing", "amd64", "3.1", null)), s.remove());
        assertEquals("would install 1 (llmos-test-app 1.0-1), upgrade 1 (libfoo 1.0-1 -> 1.1-1), remove 1 (oldthing 3.1)",
                s.summary());
        assertEquals("Inst libfoo [1.0-1] (1.1-1 Debian:12/stable [amd64])\nInst llmos-test-app (1.0-1 local-deb [all])\n"
                + "Remv oldthing:amd64 [3.1]", s.text());
    }

    @Test
    void aptTakesOnlyExactNames() {
        AptBackend apt = new AptBackend();
        // apt-get would read "libfoo.2" as a regular expression when no package has exactly that name
        assertEquals(List.of("libfoo.2"), apt.inexactNames(List.of("htop", "libfoo.2", "bash:amd64"),
                n -> n.equals("htop") || n.equals("bash")));
        assertEquals(List.of("apt-cache", "pkgnames", "htop"), apt.namesArgv("htop"));
    }

    @Test
    void aptFindsTheCachedFileOfAnExactVersion(@TempDir Path cache) throws Exception {
        Files.writeString(cache.resolve("automake_1%3a1.16.5-1.3_all.deb"), "x");
        AptBackend apt = new AptBackend(cache);
        assertEquals(cache.resolve("automake_1%3a1.16.5-1.3_all.deb"), apt.cachedFile(pkg("automake", "all", "1:1.16.5-1.3")));
        assertNull(apt.cachedFile(pkg("automake", "all", "1:1.16.4-1")));
    }

    @Test
    void dnfArgvOnly() {
        DnfBackend dnf = new DnfBackend();
        assertEquals(List.of(
                        List.of(List.of("dnf", "install", "-y", "htop", "/tmp/x.rpm")),
                        List.of("dnf", "remove", "-y", "htop"),
                        List.of("dnf", "makecache", "--refresh", "-y"),
                        List.of("dnf", "upgrade", "-y"),
                        List.of(List.of("dnf", "install", "--assumeno", "htop")),
                        List.of("dnf", "remove", "--assumeno", "htop"),
                        List.of("dnf", "upgrade", "--assumeno", "--cacheonly"),
                        List.of("dnf", "remove", "-y", "htop.x86_64"),
                        List.of(List.of("dnf", "install", "-y", "/saved/a.rpm", "curl-8.0.1-5.fc38.x86_64")),
                        List.of("rpm", "-qa", "--qf", "%{NAME}\\t%{ARCH}\\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n")),
                List.of(dnf.installCommands(List.of("htop"), List.of("/tmp/x.rpm")), dnf.removeArgv(List.of("htop")),
                        dnf.refreshArgv(), dnf.upgradeArgv(), dnf.simulateInstallCommands(List.of("htop"), List.of()),
                        dnf.simulateRemoveArgv(List.of("htop")), dnf.simulateUpgradeArgv(),
                        dnf.uninstallArgv(List.of(pkg("htop", "x86_64", "3.2.2-2.fc38")), true),
                        dnf.reinstallCommands(List.of(pkg("curl", "x86_64", "8.0.1-5.fc38")), List.of(Path.of("/saved/a.rpm"))),
                        dnf.snapshotArgv()));
        assertTrue(dnf.acceptsFile("/x/a.rpm"));
        assertFalse(dnf.acceptsFile("/x/a.deb"));
    }

    @Test
    void dnfReadsRpmAndItsTransactionTable() {
        DnfBackend dnf = new DnfBackend();
        Map<String, InstalledPackage> db = dnf.parseSnapshot("curl\tx86_64\t8.0.1-5.fc38\ngpg-pubkey\t(none)\tabc-1\nbash\tx86_64\t0:5.2-1\n");
        assertEquals(List.of("curl:x86_64", "bash:x86_64"), List.copyOf(db.keySet()));
        Simulation s = dnf.parseSimulation("""
                Last metadata expiration check: 0:10:00 ago.
                Dependencies resolved.
                ================================================================================
                 Package                 Architecture  Version              Repository     Size
                ================================================================================
                Installing:
                 htop                    x86_64        3.2.2-2.fc38         fedora        179 k
                Installing dependencies:
                 a-very-long-package-name-that-wraps-onto-the-next-line
                                         x86_64        2.9.0-1.fc38         fedora        2.1 M
                Upgrading:
                 curl                    x86_64        8.0.1-6.fc38         updates       348 k
                     replacing  curl.x86_64 8.0.1-5.fc38
                Removing:
                 nano                    x86_64        7.2-2.fc38           @fedora       2.9 M

                Transaction Summary
                ================================================================================
                Install  2 Packages

                Operation aborted.
                """, db);
        assertEquals(List.of(new Simulation.Step("htop", "x86_64", null, "3.2.2-2.fc38"),
                new Simulation.Step("a-very-long-package-name-that-wraps-onto-the-next-line", "x86_64", null, "2.9.0-1.fc38")),
                s.install());
        assertEquals(List.of(new Simulation.Step("curl", "x86_64", "8.0.1-5.fc38", "8.0.1-6.fc38")), s.upgrade());
        assertEquals(List.of(new Simulation.Step("nano", "x86_64", "7.2-2.fc38", null)), s.remove());
    }

    @Test
    void pacmanArgvOnly() {
        PacmanBackend pacman = new PacmanBackend();
        assertEquals(List.of(
                        List.of(List.of("pacman", "-U", "--noconfirm", "/tmp/x.pkg.tar.zst"),
                                List.of("pacman", "-S", "--noconfirm", "--needed", "htop")),
                        List.of("pacman", "-R", "--noconfirm", "htop"),
                        List.of("pacman", "-Syu", "--noconfirm"),
                        List.of(List.of("pacman", "-S", "--needed", "--print", "--print-format", "%n\t%v", "htop")),
                        List.of("pacman", "-R", "--print", "--print-format", "remove\t%n\t%v", "htop"),
                        List.of("pacman", "-Su", "--print", "--print-format", "%n\t%v"),
                        List.of("pacman", "-Rn", "--noconfirm", "htop"),
                        List.of(List.of("pacman", "-U", "--noconfirm", "/cache/curl-8.1-1-x86_64.pkg.tar.zst"),
                                List.of("pacman", "-S", "--noconfirm", "nano")),
                        List.of("pacman", "-Q")),
                List.of(pacman.installCommands(List.of("htop"), List.of("/tmp/x.pkg.tar.zst")), pacman.removeArgv(List.of("htop")),
                        pacman.upgradeArgv(), pacman.simulateInstallCommands(List.of("htop"), List.of()),
                        pacman.simulateRemoveArgv(List.of("htop")), pacman.simulateUpgradeArgv(),
                        pacman.uninstallArgv(List.of(pkg("htop", "", "3.2.2-1")), true),
                        pacman.reinstallCommands(List.of(pkg("nano", "", "7.2-1")),
                                List.of(Path.of("/cache/curl-8.1-1-x86_64.pkg.tar.zst"))),
                        pacman.snapshotArgv()));
        // pacman -Sy alone would set up a partial upgrade: refreshing is only done with -Syu
        assertNull(pacman.refreshArgv());
    }

    @Test
    void pacmanReadsItsDatabaseItsPrintedTargetsAndItsCache(@TempDir Path cache) throws Exception {
        PacmanBackend pacman = new PacmanBackend(cache);
        Map<String, InstalledPackage> db = pacman.parseSnapshot("curl 8.0-1\nbash 5.2.015-1\n");
        Simulation s = pacman.parseSimulation("htop\t3.2.2-1\ncurl\t8.1-1\nremove\tnano\t7.2-1\n", db);
        assertEquals(List.of(new Simulation.Step("htop", "", null, "3.2.2-1")), s.install());
        assertEquals(List.of(new Simulation.Step("curl", "", "8.0-1", "8.1-1")), s.upgrade());
        assertEquals(List.of(new Simulation.Step("nano", "", "7.2-1", null)), s.remove());
        Files.writeString(cache.resolve("curl-8.0-1-x86_64.pkg.tar.zst"), "x");
        Files.writeString(cache.resolve("curl-8.0-1-x86_64.pkg.tar.zst.sig"), "x");
        assertEquals(cache.resolve("curl-8.0-1-x86_64.pkg.tar.zst"), pacman.cachedFile(db.get("curl")));
        assertNull(pacman.cachedFile(db.get("bash")));
    }

    @Test
    void namesAreNamesNeverOptionsPathsOrPatterns() {
        for (String ok : List.of("htop", "g++", "libstdc++6", "python3.11", "libc6:i386", "NetworkManager", "xorg-x11_fonts")) {
            assertTrue(PackageOps.NAME.matcher(ok).matches(), ok);
        }
        for (String bad : List.of("-y", "--allow-remove-essential", "/tmp/x.deb", "./x.deb", "foo*", "foo?", "^foo",
                "~nfoo", "foo=1.0", "foo bar", "foo/stable", "", ".hidden")) {
            assertFalse(PackageOps.NAME.matcher(bad).matches(), bad);
        }
    }
}
