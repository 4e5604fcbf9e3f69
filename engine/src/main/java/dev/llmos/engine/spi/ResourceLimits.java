package dev.llmos.engine.spi;

/**
 * limits policy puts on a process an action starts; the executor runs it in its own cgroup with
 * them. null means no limit of that kind. when several rules set the same limit, the strictest wins.
 *
 * @param cpuQuotaPercent percent of one cpu (50 = half a cpu, 200 = two cpus)
 */
public record ResourceLimits(Long memoryMaxBytes, Integer cpuQuotaPercent, Integer pidsMax) {

    public static final ResourceLimits NONE = new ResourceLimits(null, null, null);

    public boolean isNone() {
        return memoryMaxBytes == null && cpuQuotaPercent == null && pidsMax == null;
    }

    /** the stricter of each limit. */
    public ResourceLimits strictest(ResourceLimits other) {
        return new ResourceLimits(min(memoryMaxBytes, other.memoryMaxBytes), min(cpuQuotaPercent, other.cpuQuotaPercent),
                min(pidsMax, other.pidsMax));
    }

    private static <T extends Comparable<T>> T min(T a, T b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.compareTo(b) <= 0 ? a : b;
    }
}
