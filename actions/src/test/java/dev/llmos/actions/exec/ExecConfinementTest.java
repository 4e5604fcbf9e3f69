package dev.llmos.actions.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.actions.cgroups.CgroupLayout;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** limits policy attaches to an exec, enforced by a real cgroup of the command's own. */
class ExecConfinementTest {

    private final ExecHandler handler = new ExecHandler();
    private final CgroupLayout layout = CgroupLayout.system();

    @TempDir
    Path state;

    @BeforeEach
    void needsRootAndTheControllers() {
        assumeTrue(TestContexts.SELF.isRoot(), "creating cgroups needs root");
        assumeTrue(layout.hierarchy("memory").isPresent() && layout.hierarchy("pids").isPresent(),
                "this host has no memory or pids controller (" + layout.mode() + " layout)");
    }

    private ActionOutcome run(ResourceLimits limits, String... argv) {
        ExecContext context = new ExecContext(state, TestContexts.DIGEST, "a1", TestContexts.SELF, Limits.DEFAULT, limits);
        return handler.execute(new ExecParams(List.of(argv), null, 30, null, null), context);
    }

    private static List<String> dirs(ActionOutcome outcome) {
        List<String> dirs = new ArrayList<>();
        outcome.data().path("cgroup").path("dirs").forEach(d -> dirs.add(d.asText()));
        return dirs;
    }

    /** the first thing the program does is read its own cgroups: it was in the group before it ran. */
    @Test
    void runsTheCommandInItsOwnGroupFromItsFirstInstruction() throws Exception {
        ActionOutcome outcome = run(new ResourceLimits(64L << 20, null, 32), "cat", "/proc/self/cgroup");
        List<Path> seen = new ArrayList<>();
        for (String c : List.of("memory", "pids")) {
            CgroupLayout.Hierarchy h = layout.hierarchy(c).orElseThrow();
            String line = outcome.stdout().text().lines()
                    .filter(l -> h.version() == 2 ? l.startsWith("0::") : List.of(l.split(":")[1].split(",")).contains(c))
                    .findFirst().orElseThrow();
            seen.add(h.mount().resolve(line.split(":", 3)[2].substring(1)));
        }
        assertEquals(List.of(true, dirs(outcome)), List.of(outcome.ok(), seen.stream().map(Path::toString).distinct().toList()));
    }

    @Test
    void stopsACommandOverItsMemoryLimitAndReportsTheLimit() {
        // dd's 64 MiB block buffer is filled from /dev/zero: four times the limit
        ActionOutcome outcome = run(new ResourceLimits(16L << 20, null, null), "dd", "if=/dev/zero", "of=/dev/null", "bs=64M", "count=1");
        assertEquals(List.of(false, 137, "killed: memory limit 16 MiB exceeded", "killed: memory limit 16 MiB exceeded"),
                List.of(outcome.ok(), outcome.exitCode(), outcome.error(), outcome.data().path("cgroup").path("killed").asText()));
    }

    @Test
    void aPidsLimitKeepsTheCommandFromStartingChildren() {
        // timeout(1) forks the command it runs; with room for one process only, that fork fails
        ActionOutcome outcome = run(new ResourceLimits(null, null, 1), "timeout", "5", "true");
        JsonNode cgroup = outcome.data().path("cgroup");
        assertEquals(List.of(125, true), List.of(outcome.exitCode(), cgroup.path("forks_refused").asLong() >= 1));
    }

    @Test
    void aCommandWithinItsLimitsRunsNormallyUnderACpuQuota() {
        assumeTrue(layout.hierarchy("cpu").isPresent(), "this host has no cpu controller");
        ActionOutcome outcome = run(new ResourceLimits(64L << 20, 50, 16), "echo", "fine");
        assertEquals(List.of(true, 0, "fine\n"), List.of(outcome.ok(), outcome.exitCode(), outcome.stdout().text()));
    }

    @Test
    void aDryRunNamesTheLimits() {
        ExecContext context = new ExecContext(state, TestContexts.DIGEST, "a1", TestContexts.SELF, Limits.DEFAULT,
                new ResourceLimits(16L << 20, 50, 8));
        assertEquals("would run: /bin/true in /tmp (timeout 30 s), in a cgroup of its own (memory 16 MiB, cpu 50%, pids 8)"
                        + "; confined: read-only; no network; as the requester",
                handler.preview(new ExecParams(List.of("/bin/true"), "/tmp", 30, null, null), context).summary());
    }

    @Test
    void removesTheGroupAndItsLockOnceTheCommandHasEnded() throws Exception {
        ActionOutcome outcome = run(new ResourceLimits(64L << 20, null, 8), "true");
        List<String> still = dirs(outcome).stream().filter(d -> Files.exists(Path.of(d))).toList();
        List<String> locks = new ArrayList<>();
        try (var files = Files.list(state.resolve("confine"))) {
            files.forEach(f -> locks.add(f.getFileName().toString()));
        }
        assertEquals(List.of(true, false, List.of(), List.of()),
                List.of(outcome.ok(), dirs(outcome).isEmpty(), still, locks));
    }
}
