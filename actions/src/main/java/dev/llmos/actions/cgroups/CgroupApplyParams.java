package dev.llmos.actions.cgroups;

/**
 * a {@code cgroup_apply} action's own fields, as in the plan.
 *
 * @param group the group's name under llm-os's own parent; never a path
 * @param pid a process to move into the group
 * @param cpuWeight relative cpu share, 1 to 10000 (100 is the default share)
 * @param cpuQuotaPercent the most cpu time, in percent of one cpu (200 = two cpus)
 * @param memoryMaxBytes the most memory (and swap) the group's processes may use together
 * @param pidsMax the most processes and threads at once
 * @param cpus the cpus the group may run on, as the kernel writes them ("0-1", "0,2")
 */
public record CgroupApplyParams(String group, Integer pid, Integer cpuWeight, Integer cpuQuotaPercent, Long memoryMaxBytes,
                                Integer pidsMax, String cpus) {

    boolean changesNothing() {
        return pid == null && cpuWeight == null && cpuQuotaPercent == null && memoryMaxBytes == null && pidsMax == null
                && cpus == null;
    }
}
