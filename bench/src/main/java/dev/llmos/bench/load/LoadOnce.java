package dev.llmos.bench.load;

import com.sun.management.OperatingSystemMXBean;
import dev.llmos.bench.Fixtures;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * the child jvm of {@link PolicyLoadBench}: loads the policy through a disk cache twice, as a fresh
 * llmsh would and then as a daemon reloading an unchanged policy would. prints the wall time of
 * both, the cpu time of the first (every thread: the jit and gc work a load causes is part of its
 * cost) and the process's cpu time so far.
 */
public final class LoadOnce {

    private LoadOnce() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LoadOnce CACHE_DIR");
        }
        // looked up before the clock starts, so the management classes are not counted as policy load
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        Path policyDir = Fixtures.policyDir();
        PolicyCache cache = PolicyCache.onDisk(Path.of(args[0]));
        long c0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        DroolsPolicy first = DroolsPolicy.load(policyDir, cache);
        long t1 = System.nanoTime();
        long c1 = os.getProcessCpuTime();
        DroolsPolicy second = DroolsPolicy.load(policyDir, cache);
        long t2 = System.nanoTime();
        if (!first.digest().equals(second.digest())) {
            throw new IllegalStateException("two loads of one policy disagree");
        }
        System.out.println("first_ns=" + (t1 - t0) + " second_ns=" + (t2 - t1) + " first_cpu_ns=" + (c1 - c0)
                + " process_cpu_ns=" + os.getProcessCpuTime());
    }
}
