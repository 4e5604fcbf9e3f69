package dev.llmos.actions.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.actions.cgroups.Confinement;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.spi.ExecContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/** an exec's cgroup confinement, or none: admits the started command, reports the limits that bit, cleans up. */
final class Confined implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Confined.class);

    private final Confinement confinement;

    Confined(Confinement confinement) {
        this.confinement = confinement;
    }

    void admit(long pid) throws IOException {
        if (confinement != null) {
            confinement.admit(pid);
        }
    }

    Optional<String> killedBy() {
        return confinement == null ? Optional.empty() : confinement.killedBy();
    }

    /** adds the group and what its limits did to the outcome's data. */
    void describe(ObjectNode data) {
        if (confinement == null) {
            return;
        }
        ObjectNode cgroup = data.putObject("cgroup");
        confinement.dirs().forEach(cgroup.putArray("dirs")::add);
        killedBy().ifPresent(k -> cgroup.put("killed", k));
        confinement.forksRefused().filter(n -> n > 0).ifPresent(n -> cgroup.put("forks_refused", n));
    }

    @Override
    public void close() {
        if (confinement != null) {
            try {
                confinement.close();
            } catch (IOException e) {
                LOG.warn("confinement cgroup left behind: {}", e.getMessage());
            }
        }
    }

    /** unique per run: a recovery or a second run of the same plan gets a group of its own. */
    static String groupName(ExecContext context) {
        String id = context.actionId().replaceAll("[^A-Za-z0-9_.-]", "_");
        return "exec-" + context.planDigest().substring(0, 12) + "-" + id.substring(0, Math.min(id.length(), 24)) + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 30), 36);
    }

    static String describe(ResourceLimits limits) {
        List<String> parts = new ArrayList<>();
        if (limits.memoryMaxBytes() != null) {
            long bytes = limits.memoryMaxBytes();
            parts.add("memory " + (bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes"));
        }
        if (limits.cpuQuotaPercent() != null) {
            parts.add("cpu " + limits.cpuQuotaPercent() + "%");
        }
        if (limits.pidsMax() != null) {
            parts.add("pids " + limits.pidsMax());
        }
        return String.join(", ", parts);
    }
}
