package dev.llmos.actions.packages;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Preview;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.llmos.actions.packages.Debs.APP;
import static dev.llmos.actions.packages.Debs.LIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * apt and dpkg for real: two small packages the test builds with dpkg-deb (the app depends on the
 * lib) are installed, removed, upgraded and undone through the handlers, with no network, in a
 * throwaway root of each test's own (its own dpkg database, apt configuration and locks), so the
 * host's package database is never touched. needs root, dpkg and apt-get; skipped elsewhere.
 */
class AptRealTest {

    @TempDir
    static Path debs;
    static Path lib1;
    static Path lib2;
    static Path app1;

    @TempDir
    Path tmp;
    Debs.Root root;
    Path archives;
    ExecContext context;
    PackageOps ops;

    @BeforeAll
    static void buildPackages() throws Exception {
        assumeTrue(Debs.canInstall(), "needs root, dpkg-deb and apt-get");
        lib1 = Debs.build(debs, LIB, "1.0-1", null);
        lib2 = Debs.build(debs, LIB, "2.0-1", null);
        app1 = Debs.build(debs, APP, "1.0-1", LIB + " (>= 1.0)");
    }

    @BeforeEach
    void anEmptySystem() throws Exception {
        root = Debs.Root.create(tmp.resolve("root"));
        // apt's download cache in the root: where apt would have kept the packages it fetched
        archives = root.archives();
        ops = new PackageOps(new Backends(root.apt()), () -> "apt");
        context = TestContexts.exec(tmp.resolve("state"));
    }

    private String state(String name) throws Exception {
        return root.state(name);
    }

    private boolean installed(String path) {
        return Files.exists(root.file(path));
    }

    private ActionOutcome install(String... files) {
        return TestContexts.wire(new InstallPackagesHandler(ops).execute(
                new InstallPackagesParams(null, List.of(), List.of(files), 300), context));
    }

    @Test
    void installingFilesReportsExactlyWhatArrivedAndUndoPurgesIt() throws Exception {
        ActionOutcome done = install(app1.toString(), lib1.toString());
        List<Object> installed = List.of(done.ok(), done.data().get("installed"), done.changes(), state(APP), state(LIB),
                installed("/usr/share/llmos-test/" + APP + ".txt"));

        ActionOutcome undone = new InstallPackagesHandler(ops).undo(new InstallPackagesParams(null, List.of(), List.of(), null),
                done.undo(), context);

        assertEquals(List.of(true, Json.mapper().readTree("""
                        [{"name":"llmos-test-app","arch":"all","version":"1.0-1"},
                         {"name":"llmos-test-lib","arch":"all","version":"1.0-1"}]"""),
                List.of(new Change("installed", APP + ":all=1.0-1", null, null, null),
                        new Change("installed", LIB + ":all=1.0-1", null, null, null)),
                "ii 1.0-1", "ii 1.0-1", true), installed);
        // purged, not just removed: dpkg keeps no trace, as before the install
        assertEquals(List.of(true, List.of(new Change("removed", APP + ":all=1.0-1", null, null, null),
                        new Change("removed", LIB + ":all=1.0-1", null, null, null)), "absent", "absent",
                        false), List.of(undone.ok(), undone.changes(), state(APP), state(LIB),
                installed("/usr/share/llmos-test/" + APP + ".txt")));
    }

    @Test
    void aDryRunShowsAptsOwnSimulationAndInstallsNothing() throws Exception {
        Preview p = new InstallPackagesHandler(ops).preview(
                new InstallPackagesParams(null, List.of(), List.of(app1.toString(), lib1.toString()), null), context);
        assertEquals(List.of("apt-get -s -q -o ...: would install 2 (llmos-test-lib 1.0-1, llmos-test-app 1.0-1), upgrade 0, remove 0",
                        "Inst llmos-test-lib (1.0-1 local-deb [all])\nInst llmos-test-app (1.0-1 local-deb [all])",
                        "absent", "absent"),
                List.of(p.summary(), p.diff(), state(APP), state(LIB)));
    }

    @Test
    void removingAPackageTakesItsDependentsAndUndoPutsBackTheExactVersionsFromSavedFiles() throws Exception {
        root.dpkg("-i", lib1.toString(), app1.toString());
        // what apt would have in its cache had it downloaded them
        Files.copy(lib1, archives.resolve(lib1.getFileName()));
        Files.copy(app1, archives.resolve(app1.getFileName()));
        RemovePackagesHandler handler = new RemovePackagesHandler(ops);
        RemovePackagesParams params = new RemovePackagesParams(null, List.of(LIB), 300);

        Preview preview = handler.preview(params, context);
        ActionOutcome removed = TestContexts.wire(handler.execute(params, context));
        List<Object> afterRemove = List.of(preview.summary(), removed.ok(), removed.data().get("removed"), state(APP), state(LIB));
        // the cache is cleaned (apt-get clean): undo uses the copies the action saved in its backup directory
        Files.delete(archives.resolve(lib1.getFileName()));
        Files.delete(archives.resolve(app1.getFileName()));
        ActionOutcome undone = handler.undo(params, removed.undo(), context);

        Path backups = context.backupDir();
        assertEquals(List.of("apt-get -s -q -o ...: would install 0, upgrade 0, remove 2 (llmos-test-app 1.0-1, llmos-test-lib 1.0-1)",
                        true, Json.mapper().readTree("""
                                [{"name":"llmos-test-app","arch":"all","version":"1.0-1"},
                                 {"name":"llmos-test-lib","arch":"all","version":"1.0-1"}]"""), "absent", "absent"),
                afterRemove);
        assertEquals(List.of(new Change("removed", APP + ":all=1.0-1", null, null, backups.resolve(app1.getFileName()).toString()),
                new Change("removed", LIB + ":all=1.0-1", null, null, backups.resolve(lib1.getFileName()).toString())), removed.changes());
        assertEquals(List.of(true, "ii 1.0-1", "ii 1.0-1"), List.of(undone.ok(), state(APP), state(LIB)), undone.error());
    }

    @Test
    void undoingAnUpgradeInstallsThePreviousVersionAgain() throws Exception {
        root.dpkg("-i", lib1.toString());
        Files.copy(lib1, archives.resolve(lib1.getFileName()));
        ActionOutcome upgraded = install(lib2.toString());
        List<Object> after = List.of(upgraded.ok(), upgraded.data().get("upgraded"), state(LIB));
        ActionOutcome undone = new InstallPackagesHandler(ops).undo(new InstallPackagesParams(null, List.of(), List.of(), null),
                upgraded.undo(), context);
        assertEquals(List.of(true, Json.mapper().readTree("[{\"name\":\"llmos-test-lib\",\"arch\":\"all\",\"from\":\"1.0-1\",\"to\":\"2.0-1\"}]"),
                "ii 2.0-1"), after);
        assertEquals(List.of(true, "ii 1.0-1"), List.of(undone.ok(), state(LIB)), undone.error());
    }

    @Test
    void namesAreTakenExactlyNeverAsAptsRegularExpressions() throws Exception {
        root.dpkg("-i", lib1.toString());
        // apt-get remove llmos-test.lib would remove llmos-test-lib: "." matches any character
        ActionOutcome remove = new RemovePackagesHandler(ops).execute(new RemovePackagesParams(null, List.of("llmos-test.lib"), null), context);
        ActionOutcome install = new InstallPackagesHandler(ops).execute(
                new InstallPackagesParams(null, List.of("llmos-test.lib"), List.of(), null), context);
        assertEquals(List.of("llmos-test.lib is not installed", "apt knows no package named exactly llmos-test.lib", "ii 1.0-1"),
                List.of(remove.error(), install.error(), state(LIB)));
    }

    @Test
    void whileAnotherProcessHoldsDpkgsLockLockFreeSaysWhoAndAptRefuses() throws Exception {
        Path frontend = root.file("/var/lib/dpkg/lock-frontend");
        LockFree lockFree = new LockFree("apt", root.locks());
        assertEquals(new Precondition.Check(true, "apt's locks are free"), lockFree.check());
        Precondition.Check held;
        ActionOutcome install;
        try (LockHolder holder = new LockHolder(frontend)) {
            held = lockFree.check();
            install = install(lib1.toString());
            assertEquals(new Precondition.Check(false, frontend + " is locked by pid " + holder.pid() + " (python3)"), held);
        }
        assertEquals(List.of(false, "absent", true), List.of(install.ok(), state(LIB), lockFree.check().ok()));
        assertTrue(install.error().contains("Unable to acquire the dpkg frontend lock (" + frontend + ")"), install.error());
    }

    @Test
    void aManagerOtherThanTheHostsIsRefusedBeforeAnythingRuns() {
        ActionOutcome o = new InstallPackagesHandler(ops).execute(new InstallPackagesParams("dnf", List.of("htop"), List.of(), null), context);
        assertEquals("this host's package manager is apt, not dnf", o.error());
    }

    @Test
    void aFileOfAnotherManagersFormatIsRefused() throws Exception {
        Path rpm = Files.writeString(tmp.resolve("x.rpm"), "not a package");
        ActionOutcome o = new InstallPackagesHandler(ops).execute(new InstallPackagesParams(null, List.of(), List.of(rpm.toString()), null), context);
        assertEquals(rpm + " is not a package file apt installs", o.error());
    }

    static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }
}
