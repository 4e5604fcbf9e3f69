package dev.llmos.actions.cgroups;

import dev.llmos.engine.spi.ResourceLimits;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * a cgroup of its own for one command, with the limits policy set, in place before the command
 * runs a single instruction of its own. the command is started behind a {@link StartGate}
 * ({@code flock -F LOCK ...}), the jvm writes its pid into the group, then opens the gate: no
 * shell, no window in which the program runs or forks outside the group. afterwards whatever is
 * left in the group is killed and the group removed.
 */
public final class Confinement implements AutoCloseable {

    private final CgroupGroup group;
    private final ResourceLimits limits;
    private final List<Path> created;
    private final StartGate gate;

    private Confinement(CgroupGroup group, ResourceLimits limits, List<Path> created, StartGate gate) {
        this.group = group;
        this.limits = limits;
        this.created = created;
        this.gate = gate;
    }

    /**
     * creates the group with its limits and closes the gate.
     *
     * @param lockDir a private directory for the gate's lock file
     * @throws IOException when the limits cannot be put in place: the command must then not run
     */
    public static Confinement prepare(CgroupLayout layout, ResourceLimits limits, String name, Path lockDir) throws IOException {
        List<Knob> knobs = Knob.of(layout, null, limits.cpuQuotaPercent(), limits.memoryMaxBytes(), limits.pidsMax(), null);
        CgroupGroup group;
        try {
            group = CgroupGroup.of(layout, name, knobs.stream().map(Knob::controller).distinct().toList());
        } catch (CgroupGroup.Refused e) {
            throw new IOException(e.getMessage(), e);
        }
        if (group.exists()) {
            throw new IOException("cgroup " + group.dirs() + " already exists");
        }
        List<Path> created = group.create();
        try {
            group.write(knobs);
            Files.createDirectories(lockDir);
            return new Confinement(group, limits, created, StartGate.closed(lockDir.resolve(name + ".lock")));
        } catch (IOException | RuntimeException e) {
            CgroupGroup.remove(created);
            throw e;
        }
    }

    /** what goes in front of the command: flock execs it in place once the gate opens. */
    public List<String> wrapper(String flock) {
        return List.of(flock, "-F", gate.file().toString());
    }

    /** puts the started command into the group, then lets it run. */
    public void admit(long pid) throws IOException {
        group.admit(pid);
        gate.open();
    }

    public List<String> dirs() {
        return group.dirs().stream().map(Path::toString).toList();
    }

    /** why the kernel stopped the command, when a limit did: the memory cap's OOM kill. */
    public Optional<String> killedBy() {
        if (limits.memoryMaxBytes() == null) {
            return Optional.empty();
        }
        long ooms = group.counter("memory", "memory.events", "oom_kill")
                .or(() -> group.counter("memory", "memory.oom_control", "oom_kill")).orElse(0L);
        if (ooms > 0) {
            return Optional.of("killed: memory limit " + mib(limits.memoryMaxBytes()) + " exceeded");
        }
        return Optional.empty();
    }

    /** how often the pids limit refused a fork, when there is one. */
    public Optional<Long> forksRefused() {
        return limits.pidsMax() == null ? Optional.empty() : group.counter("pids", "pids.events", "max");
    }

    /** kills what is left in the group, removes it and the lock file; returns what could not be removed. */
    @Override
    public void close() throws IOException {
        gate.close();
        List<String> left = new ArrayList<>(group.destroy());
        // the shared llm-os parent stays when other groups are in it
        CgroupGroup.remove(created.stream().filter(d -> !group.dirs().contains(d)).toList());
        Files.deleteIfExists(gate.file());
        if (!left.isEmpty()) {
            throw new IOException("could not remove " + left);
        }
    }

    static String mib(long bytes) {
        return bytes % (1L << 20) == 0 ? (bytes >> 20) + " MiB" : bytes + " bytes";
    }
}
