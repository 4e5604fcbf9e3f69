package dev.llmos.actions.cgroups;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** real groups on this host's layout, around a sleep the test starts; everything is removed afterwards. */
class CgroupApplyHandlerTest {

    private final CgroupLayout layout = CgroupLayout.system();
    private final CgroupApplyHandler handler = new CgroupApplyHandler(() -> layout, ProcessHandle.current().pid());
    private final String name = "t-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final List<Process> children = new ArrayList<>();

    @TempDir
    Path state;

    @BeforeEach
    void needsRootAndAWritableCgroupTree() {
        assumeTrue(Files.isWritable(Path.of("/sys/fs/cgroup")) || layout.hierarchy("memory").map(h -> Files.isWritable(h.mount())).orElse(false),
                "creating cgroups needs root and a writable cgroup filesystem");
    }

    @AfterEach
    void removeEverything() throws Exception {
        children.forEach(Process::destroyForcibly);
        for (Process p : children) {
            p.waitFor();
        }
        CgroupGroup g = CgroupGroup.of(layout, name, layout.hierarchies().keySet());
        g.destroy();
        g.dirs().forEach(d -> CgroupGroup.remove(List.of(d.getParent())));
    }

    private Process sleeper() throws Exception {
        Process p = new ProcessBuilder("sleep", "300").start();
        children.add(p);
        return p;
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file).trim();
    }

    @Test
    void createsAGroupWithCpuAndMemoryLimitsAndMovesAChildIntoIt() throws Exception {
        assumeTrue(layout.hierarchy("cpu").isPresent() && layout.hierarchy("memory").isPresent(), "host lacks cpu or memory controller");
        Process p = sleeper();
        ActionOutcome outcome = handler.execute(new CgroupApplyParams(name, (int) p.pid(), null, 50, 64L << 20, null, null),
                TestContexts.exec(state));
        CgroupGroup g = CgroupGroup.of(layout, name, List.of("cpu", "memory"));
        boolean v2 = layout.hierarchy("memory").orElseThrow().version() == 2;
        List<String> limits = v2 ? List.of(read(g.dir("cpu").resolve("cpu.max")), read(g.dir("memory").resolve("memory.max")))
                : List.of(read(g.dir("cpu").resolve("cpu.cfs_quota_us")), read(g.dir("memory").resolve("memory.limit_in_bytes")));
        assertEquals(List.of(true, v2 ? List.of("50000 100000", "67108864") : List.of("50000", "67108864"),
                        layout.groupOf(p.pid(), "memory").orElseThrow(), layout.groupOf(p.pid(), "cpu").orElseThrow()),
                List.of(outcome.ok(), limits, g.dir("memory"), g.dir("cpu")));
    }

    @Test
    void undoMovesTheChildBackAndRemovesTheGroupItCreated() throws Exception {
        Process p = sleeper();
        Path before = layout.groupOf(p.pid(), "memory").orElseThrow();
        CgroupApplyParams params = new CgroupApplyParams(name, (int) p.pid(), null, null, 32L << 20, null, null);
        ActionOutcome done = handler.execute(params, TestContexts.exec(state));
        ActionOutcome undone = handler.undo(params, done.undo(), TestContexts.exec(state));
        CgroupGroup g = CgroupGroup.of(layout, name, List.of("memory"));
        assertEquals(List.of(true, true, before, false),
                List.of(done.ok(), undone.ok(), layout.groupOf(p.pid(), "memory").orElseThrow(), Files.exists(g.dir("memory"))));
    }

    @Test
    void undoOnAnExistingGroupPutsItsPreviousValuesBack() throws Exception {
        CgroupApplyParams first = new CgroupApplyParams(name, null, null, null, null, 100, null);
        CgroupApplyParams second = new CgroupApplyParams(name, null, null, null, null, 7, null);
        assumeTrue(layout.hierarchy("pids").isPresent(), "host lacks the pids controller");
        handler.execute(first, TestContexts.exec(state));
        ActionOutcome changed = handler.execute(second, TestContexts.exec(state));
        Path pidsMax = CgroupGroup.of(layout, name, List.of("pids")).dir("pids").resolve("pids.max");
        String during = read(pidsMax);
        ActionOutcome undone = handler.undo(second, changed.undo(), TestContexts.exec(state));
        assertEquals(List.of(true, "7", true, "100"), List.of(changed.ok(), during, undone.ok(), read(pidsMax)));
    }

    @Test
    void translatesCpuWeightAndCpusIntoTheHostsFiles() throws Exception {
        assumeTrue(layout.hierarchy("cpuset").isPresent(), "host lacks the cpuset controller");
        ActionOutcome outcome = handler.execute(new CgroupApplyParams(name, null, 200, null, null, null, "0"), TestContexts.exec(state));
        CgroupGroup g = CgroupGroup.of(layout, name, List.of("cpu", "cpuset"));
        boolean v2 = layout.hierarchy("cpu").orElseThrow().version() == 2;
        assertEquals(List.of(true, v2 ? "200" : "2048", "0"),
                List.of(outcome.ok(), read(g.dir("cpu").resolve(v2 ? "cpu.weight" : "cpu.shares")), read(g.dir("cpuset").resolve("cpuset.cpus"))));
    }

    @Test
    void refusesInitAndNamesThatAreNotOnePathComponent() {
        assertEquals(List.of("refused: pid 1 is init, which stays in the root group",
                        "not a group name: ../escape (one path component: letters, digits, - _ .)",
                        "cgroup_apply needs a pid to move or a limit to set"),
                List.of(handler.execute(new CgroupApplyParams(name, 1, null, null, null, null, null), TestContexts.exec(state)).error(),
                        handler.execute(new CgroupApplyParams("../escape", null, null, null, null, 5, null), TestContexts.exec(state)).error(),
                        handler.execute(new CgroupApplyParams(name, null, null, null, null, null, null), TestContexts.exec(state)).error()));
    }

    @Test
    void refusesToMoveItsOwnProcess() {
        int self = (int) ProcessHandle.current().pid();
        assertEquals("refused: pid " + self + " is llm-os itself",
                handler.execute(new CgroupApplyParams(name, self, 10, null, null, null, null), TestContexts.exec(state)).error());
    }

    @Test
    void aControllerTheHostLacksIsReportedNotFaked() throws Exception {
        CgroupLayout bare = CgroupLayout.parse("", "", "", dir -> "");
        CgroupApplyHandler h = new CgroupApplyHandler(() -> bare, ProcessHandle.current().pid());
        assertEquals("the memory controller is not available on this host (v1 cgroup layout)",
                h.execute(new CgroupApplyParams(name, null, null, null, 1L << 30, null, null), TestContexts.exec(state)).error());
    }
}
