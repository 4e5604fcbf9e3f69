package dev.llmos.actions.cgroups;

import dev.llmos.actions.cgroups.CgroupLayout.Hierarchy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * one named llm-os group across the hierarchies of the controllers it uses: on a hybrid host
 * memory is /sys/fs/cgroup/memory/.../llm-os/NAME and cpu is /sys/fs/cgroup/cpu/.../llm-os/NAME.
 */
public final class CgroupGroup {

    /** a group name is one path component of letters, digits, '-', '_' and '.', not a dot name. */
    public static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$";

    private final String name;
    private final Map<String, Hierarchy> hierarchies;

    private CgroupGroup(String name, Map<String, Hierarchy> hierarchies) {
        this.name = name;
        this.hierarchies = hierarchies;
    }

    /** thrown when the group cannot be used as asked; the message says why, for the outcome. */
    public static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    public static CgroupGroup of(CgroupLayout layout, String name, Collection<String> controllers) throws Refused {
        if (name == null || !name.matches(NAME_PATTERN)) {
            throw new Refused("not a group name: " + name + " (one path component: letters, digits, - _ .)");
        }
        Map<String, Hierarchy> used = new LinkedHashMap<>();
        for (String c : controllers) {
            used.put(c, layout.hierarchy(c).orElseThrow(() -> new Refused("the " + c + " controller is not available on this host ("
                    + layout.mode() + " cgroup layout)")));
        }
        return new CgroupGroup(name, used);
    }

    public String name() {
        return name;
    }

    public Path dir(String controller) {
        return hierarchies.get(controller).parent().resolve(name);
    }

    /** each directory once: on v2, or v1 with co-mounted controllers, several controllers share one. */
    public List<Path> dirs() {
        return hierarchies.keySet().stream().map(this::dir).distinct().toList();
    }

    public boolean exists() {
        return dirs().stream().allMatch(Files::isDirectory);
    }

    /** creates what is missing, llm-os parent included; returns what it created, parents first. */
    public List<Path> create() throws IOException {
        List<Path> created = new ArrayList<>();
        for (Map.Entry<String, Hierarchy> e : hierarchies.entrySet()) {
            Hierarchy h = e.getValue();
            Path parent = h.parent();
            Path dir = parent.resolve(name);
            if (h.version() == 2) {
                enable(parent.getParent(), e.getKey());
            }
            if (mkdir(parent)) {
                created.add(parent);
                initCpuset(e.getKey(), h, parent);
            }
            if (h.version() == 2) {
                enable(parent, e.getKey());
            }
            if (mkdir(dir)) {
                created.add(dir);
                initCpuset(e.getKey(), h, dir);
            }
        }
        return created;
    }

    /**
     * writes the knobs; a knob the kernel refuses is tried again after the others, since some
     * depend on each other (v1 memsw must stay at or above the memory limit).
     */
    public void write(List<Knob> knobs) throws IOException {
        List<Knob> pending = knobs.stream().filter(k -> !optionalMissing(k)).toList();
        IOException last = null;
        for (int pass = 0; pass < 2 && !pending.isEmpty(); pass++) {
            List<Knob> failed = new ArrayList<>();
            for (Knob k : pending) {
                try {
                    Files.writeString(dir(k.controller()).resolve(k.file()), k.value());
                } catch (IOException e) {
                    failed.add(k);
                    last = new IOException("cannot write " + k.value() + " to " + dir(k.controller()).resolve(k.file())
                            + ": " + e.getMessage(), e);
                }
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            throw last;
        }
    }

    /** the knobs' current values, to put back later; files the host lacks are left out. */
    public List<Knob> current(List<Knob> knobs) throws IOException {
        List<Knob> now = new ArrayList<>();
        for (Knob k : knobs) {
            Path file = dir(k.controller()).resolve(k.file());
            if (Files.exists(file)) {
                String value = Files.readString(file).trim();
                // cpu.max reads "max 100000" and writes the same; cpuset.cpus may read empty
                now.add(new Knob(k.controller(), k.file(), value));
            }
        }
        return now;
    }

    /** moves a process (all its threads) into the group, in every hierarchy it uses. */
    public void admit(long pid) throws IOException {
        for (Path dir : dirs()) {
            Files.writeString(dir.resolve("cgroup.procs"), Long.toString(pid));
        }
    }

    /** the pids in the group now. */
    public List<Long> members() throws IOException {
        List<Long> pids = new ArrayList<>();
        for (Path dir : dirs()) {
            if (Files.isDirectory(dir)) {
                for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                    if (!line.isBlank() && !pids.contains(Long.parseLong(line.trim()))) {
                        pids.add(Long.parseLong(line.trim()));
                    }
                }
            }
        }
        return pids;
    }

    /** a counter from a flat keyed file such as memory.events or memory.oom_control, if the host has it. */
    public Optional<Long> counter(String controller, String file, String key) {
        if (!hierarchies.containsKey(controller)) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(dir(controller).resolve(file))) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && f[0].equals(key)) {
                    return Optional.of(Long.parseLong(f[1]));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * removes directories this group created, deepest first. a directory still holding processes
     * stays (and is reported): removing it would need those processes moved or killed.
     */
    public static List<String> remove(List<Path> created) {
        List<String> left = new ArrayList<>();
        for (Path dir : created.reversed()) {
            if (!rmdir(dir)) {
                left.add(dir.toString());
            }
        }
        return left;
    }

    /** kills every process in the group, then removes its directories; for groups that ran one command. */
    public List<String> destroy() {
        List<String> left = new ArrayList<>();
        for (Path dir : dirs()) {
            for (int attempt = 0; attempt < 100 && Files.isDirectory(dir); attempt++) {
                try {
                    for (String line : Files.readAllLines(dir.resolve("cgroup.procs"))) {
                        if (!line.isBlank()) {
                            ProcessHandle.of(Long.parseLong(line.trim())).ifPresent(ProcessHandle::destroyForcibly);
                        }
                    }
                } catch (IOException e) {
                    break;
                }
                if (!rmdir(dir)) {
                    // exiting processes leave the group only once the kernel has torn them down
                    sleep();
                }
            }
            if (Files.isDirectory(dir)) {
                left.add(dir.toString());
            }
        }
        return left;
    }

    private static boolean rmdir(Path dir) {
        try {
            Files.deleteIfExists(dir);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean mkdir(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return false;
        }
        Files.createDirectory(dir);
        return true;
    }

    // memory.swap.max exists only with swap accounting, memsw only with swapaccount=1
    private boolean optionalMissing(Knob k) {
        return (k.file().equals("memory.swap.max") || k.file().equals("memory.memsw.limit_in_bytes"))
                && !Files.exists(dir(k.controller()).resolve(k.file()));
    }

    // a v1 cpuset group starts with no cpus and no memory nodes, and no task may join it until it has some
    private static void initCpuset(String controller, Hierarchy h, Path dir) throws IOException {
        if (!controller.equals("cpuset") || h.version() != 1) {
            return;
        }
        for (String file : List.of("cpuset.cpus", "cpuset.mems")) {
            if (Files.readString(dir.resolve(file)).isBlank()) {
                Files.writeString(dir.resolve(file), Files.readString(dir.getParent().resolve(file)).trim());
            }
        }
    }

    // on v2 a controller reaches a group only when every ancestor lists it in cgroup.subtree_control
    private static void enable(Path dir, String controller) throws IOException {
        Path control = dir.resolve("cgroup.subtree_control");
        try {
            if (List.of(Files.readString(control).trim().split("\\s+")).contains(controller)) {
                return;
            }
            Files.writeString(control, "+" + controller);
        } catch (NoSuchFileException e) {
            throw new IOException("no " + control + ": not a cgroup v2 directory", e);
        } catch (IOException e) {
            throw new IOException("cannot enable " + controller + " in " + control + " (" + e.getMessage()
                    + "); a v2 group that holds processes cannot hand controllers to children: run llm-osd in a leaf of a delegated subtree", e);
        }
    }
}
