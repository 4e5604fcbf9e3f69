package dev.llmos.actions.cgroups;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of a {@code cgroup_apply} action. rules are written against these names: keep them.
 *
 * @param layout the host's cgroup layout: v1, v2 or hybrid
 * @param dirs the group's directories, one per hierarchy it spans (empty when a controller is missing)
 * @param exists the group is already there
 * @param pid the process to move, or null
 * @param pidName its command name (comm), or null
 * @param pidUid its owner, or -1 when there is no such process
 * @param systemProcess the process is pid 1 or owned by a uid below 1000
 * @param daemon the process is llm-os itself
 */
public record CgroupApply(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String group,
        String layout,
        List<String> dirs,
        boolean exists,
        Integer pid,
        String pidName,
        int pidUid,
        boolean systemProcess,
        boolean daemon,
        Integer cpuWeight,
        Integer cpuQuotaPercent,
        Long memoryMaxBytes,
        Integer pidsMax,
        String cpus) implements ActionFact {
}
