package dev.llmos.actions.cgroups;

import java.util.ArrayList;
import java.util.List;

/**
 * one value to write into one controller file of a group. the same limits become different files
 * on v1 and v2; {@link #of} holds that translation in one place.
 */
public record Knob(String controller, String file, String value) {

    /** cfs period: 100 ms, as systemd uses; the quota is that much times the percent. */
    static final long PERIOD_US = 100_000;

    /**
     * what to write for each setting given, in the layout's files.
     *
     * @param cpuWeight 1 to 10000, 100 the default share (v1 cpu.shares 1024)
     * @param memoryMaxBytes memory and swap together: swap cannot stretch the limit
     */
    static List<Knob> of(CgroupLayout layout, Integer cpuWeight, Integer cpuQuotaPercent, Long memoryMaxBytes,
                         Integer pidsMax, String cpus) {
        List<Knob> knobs = new ArrayList<>();
        if (cpuWeight != null) {
            knobs.add(v2(layout, "cpu") ? new Knob("cpu", "cpu.weight", cpuWeight.toString())
                    : new Knob("cpu", "cpu.shares", Long.toString(Math.max(2, cpuWeight * 1024L / 100))));
        }
        if (cpuQuotaPercent != null) {
            long quota = cpuQuotaPercent * PERIOD_US / 100;
            if (v2(layout, "cpu")) {
                knobs.add(new Knob("cpu", "cpu.max", quota + " " + PERIOD_US));
            } else {
                knobs.add(new Knob("cpu", "cpu.cfs_period_us", Long.toString(PERIOD_US)));
                knobs.add(new Knob("cpu", "cpu.cfs_quota_us", Long.toString(quota)));
            }
        }
        if (memoryMaxBytes != null) {
            if (v2(layout, "memory")) {
                knobs.add(new Knob("memory", "memory.max", memoryMaxBytes.toString()));
                knobs.add(new Knob("memory", "memory.swap.max", "0"));
            } else {
                knobs.add(new Knob("memory", "memory.limit_in_bytes", memoryMaxBytes.toString()));
                knobs.add(new Knob("memory", "memory.memsw.limit_in_bytes", memoryMaxBytes.toString()));
            }
        }
        if (pidsMax != null) {
            knobs.add(new Knob("pids", "pids.max", pidsMax.toString()));
        }
        if (cpus != null) {
            knobs.add(new Knob("cpuset", "cpuset.cpus", cpus));
        }
        return knobs;
    }

    private static boolean v2(CgroupLayout layout, String controller) {
        return layout.hierarchy(controller).map(h -> h.version() == 2).orElse(false);
    }
}
