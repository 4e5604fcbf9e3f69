package dev.llmos.actions.cgroups;

import dev.llmos.actions.cgroups.CgroupLayout.Hierarchy;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the three layouts, from the texts a kernel shows; the hybrid one is this test machine's own. */
class CgroupLayoutTest {

    private static final String PROC_CGROUPS = """
            #subsys_name	hierarchy	num_cgroups	enabled
            cpuset	3	1	1
            cpu	1	1	1
            cpuacct	2	1	1
            memory	4	37	1
            pids	8	1	1
            """;

    @Test
    void findsCpuAndMemoryOnV1AndTheUnifiedMountBesideThemOnAHybridHost() {
        String mountinfo = """
                31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
                32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
                33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct
                34 31 0:31 / /sys/fs/cgroup/cpuset rw,relatime - cgroup cgroup rw,cpuset
                35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
                39 31 0:36 / /sys/fs/cgroup/pids rw,relatime - cgroup cgroup rw,pids
                40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
                41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
                """;
        String self = "8:pids:/\n4:memory:/box/one\n3:cpuset:/\n2:cpuacct:/\n1:cpu:/\n0::/\n";
        Hierarchy unified = new Hierarchy(2, Path.of("/sys/fs/cgroup/unified"), "/", "/");
        assertEquals(new CgroupLayout("hybrid", Map.of(
                        "cpu", new Hierarchy(1, Path.of("/sys/fs/cgroup/cpu"), "/", "/"),
                        "memory", new Hierarchy(1, Path.of("/sys/fs/cgroup/memory"), "/", "/box/one"),
                        "cpuset", new Hierarchy(1, Path.of("/sys/fs/cgroup/cpuset"), "/", "/"),
                        "pids", new Hierarchy(1, Path.of("/sys/fs/cgroup/pids"), "/", "/")), Optional.of(unified)),
                CgroupLayout.parse(mountinfo, PROC_CGROUPS, self, dir -> ""));
    }

    @Test
    void findsEveryControllerInTheOneHierarchyOfAUnifiedHost() {
        String mountinfo = "30 23 0:26 / /sys/fs/cgroup rw,nosuid,nodev,noexec,relatime shared:4 - cgroup2 cgroup2 rw,nsdelegate\n";
        String procCgroups = PROC_CGROUPS.replaceAll("\t[0-9]+\t([0-9]+)\t1", "\t0\t$1\t1");
        Hierarchy h = new Hierarchy(2, Path.of("/sys/fs/cgroup"), "/", "/system.slice/llm-osd.service");
        assertEquals(new CgroupLayout("v2", Map.of("cpu", h, "memory", h, "pids", h, "cpuset", h), Optional.of(h)),
                CgroupLayout.parse(mountinfo, procCgroups, "0::/system.slice/llm-osd.service\n", dir -> "cpuset cpu io memory pids\n"));
    }

    @Test
    void findsCoMountedControllersOnALegacyHost() {
        String mountinfo = """
                25 18 0:22 / /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct
                26 18 0:23 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory
                """;
        String procCgroups = "#subsys_name\thierarchy\tnum_cgroups\tenabled\ncpu\t2\t1\t1\ncpuacct\t2\t1\t1\nmemory\t3\t1\t1\n";
        assertEquals(new CgroupLayout("v1", Map.of(
                        "cpu", new Hierarchy(1, Path.of("/sys/fs/cgroup/cpu,cpuacct"), "/", "/user.slice"),
                        "memory", new Hierarchy(1, Path.of("/sys/fs/cgroup/memory"), "/", "/user.slice")), Optional.empty()),
                CgroupLayout.parse(mountinfo, procCgroups, "3:memory:/user.slice\n2:cpu,cpuacct:/user.slice\n", dir -> ""));
    }

    @Test
    void putsLlmOsGroupsUnderTheDaemonsOwnCgroupSeenFromTheMount() {
        Hierarchy inContainer = new Hierarchy(1, Path.of("/sys/fs/cgroup/memory"), "/docker/abc", "/docker/abc/svc");
        assertEquals(Path.of("/sys/fs/cgroup/memory/svc/llm-os"), inContainer.parent());
    }
}
