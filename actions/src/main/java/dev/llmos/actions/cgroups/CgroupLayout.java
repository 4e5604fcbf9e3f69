package dev.llmos.actions.cgroups;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * where each cgroup controller lives on this host: a v1 hierarchy of its own (cpu at
 * /sys/fs/cgroup/cpu), or the v2 unified hierarchy. found from /proc/self/mountinfo, /proc/cgroups
 * and /proc/self/cgroup, so legacy, hybrid and unified hosts all work.
 *
 * @param mode v1 (no cgroup2 mount), v2 (cgroup2 only) or hybrid (both)
 * @param hierarchies by controller; a controller no hierarchy offers is absent
 * @param unified the cgroup2 hierarchy, when mounted
 */
public record CgroupLayout(String mode, Map<String, Hierarchy> hierarchies, Optional<Hierarchy> unified) {

    /** the controllers llm-os sets: cpu weight and quota, memory max, pids max, cpuset. */
    public static final List<String> CONTROLLERS = List.of("cpu", "memory", "pids", "cpuset");

    /**
     * one mounted hierarchy.
     *
     * @param root the part of the hierarchy the mount shows (not "/" inside some containers)
     * @param own the cgroup of this process in it
     */
    public record Hierarchy(int version, Path mount, String root, String own) {

        /**
         * llm-os groups live under the daemon's own cgroup, so whatever limits the administrator
         * set on the daemon (its unit's MemoryMax, say) still bound everything it starts.
         */
        public Path parent() {
            String rel = own.startsWith(root) ? own.substring(root.length()) : own;
            Path dir = mount;
            for (String part : rel.split("/")) {
                if (!part.isEmpty()) {
                    dir = dir.resolve(part);
                }
            }
            return dir.resolve("llm-os");
        }
    }

    /** the layout of the running system. */
    public static CgroupLayout system() {
        return parse(read(Path.of("/proc/self/mountinfo")), read(Path.of("/proc/cgroups")), read(Path.of("/proc/self/cgroup")),
                dir -> Files.isReadable(dir.resolve("cgroup.controllers")) ? read(dir.resolve("cgroup.controllers")) : "");
    }

    /** @param v2Controllers the content of cgroup.controllers at a cgroup2 mount */
    static CgroupLayout parse(String mountinfo, String procCgroups, String selfCgroup, Function<Path, String> v2Controllers) {
        Map<String, Integer> enabled = new HashMap<>();
        for (String line : procCgroups.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4 && !f[0].startsWith("#") && f[3].equals("1")) {
                enabled.put(f[0], Integer.parseInt(f[1]));
            }
        }
        Map<Integer, String> ownById = new HashMap<>();
        for (String line : selfCgroup.split("\n")) {
            String[] f = line.split(":", 3);
            if (f.length == 3) {
                ownById.put(Integer.parseInt(f[0]), f[2]);
            }
        }
        Map<String, Hierarchy> byController = new LinkedHashMap<>();
        Hierarchy unified = null;
        List<String> lines = new ArrayList<>(List.of(mountinfo.split("\n")));
        for (String line : lines) {
            int dash = line.indexOf(" - ");
            if (dash < 0) {
                continue;
            }
            String[] pre = line.substring(0, dash).split(" ");
            String[] post = line.substring(dash + 3).split(" ");
            if (pre.length < 5 || post.length < 3) {
                continue;
            }
            String root = unescape(pre[3]);
            Path mount = Path.of(unescape(pre[4]));
            if (post[0].equals("cgroup2")) {
                unified = new Hierarchy(2, mount, root, ownById.getOrDefault(0, "/"));
            } else if (post[0].equals("cgroup")) {
                for (String option : post[2].split(",")) {
                    Integer id = enabled.get(option);
                    if (id != null && id > 0 && CONTROLLERS.contains(option)) {
                        byController.put(option, new Hierarchy(1, mount, root, ownById.getOrDefault(id, "/")));
                    }
                }
            }
        }
        if (unified != null) {
            Set<String> v2 = Set.of(v2Controllers.apply(unified.mount()).trim().split("\\s+"));
            for (String c : CONTROLLERS) {
                if (!byController.containsKey(c) && v2.contains(c)) {
                    byController.put(c, unified);
                }
            }
        }
        boolean anyV1 = lines.stream().anyMatch(l -> l.contains(" - cgroup "));
        String mode = unified == null ? "v1" : anyV1 ? "hybrid" : "v2";
        return new CgroupLayout(mode, Map.copyOf(byController), Optional.ofNullable(unified));
    }

    public Optional<Hierarchy> hierarchy(String controller) {
        return Optional.ofNullable(hierarchies.get(controller));
    }

    /** the directory of the group {@code pid} is in for {@code controller}, from /proc/PID/cgroup. */
    public Optional<Path> groupOf(long pid, String controller) throws IOException {
        Hierarchy h = hierarchies.get(controller);
        if (h == null) {
            return Optional.empty();
        }
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "cgroup"))) {
            String[] f = line.split(":", 3);
            boolean match = h.version() == 2 ? f[0].equals("0") : List.of(f[1].split(",")).contains(controller);
            if (f.length == 3 && match) {
                return Optional.of(new Hierarchy(h.version(), h.mount(), h.root(), f[2]).parent().getParent());
            }
        }
        return Optional.empty();
    }

    // mountinfo escapes space, tab, newline and backslash as octal
    private static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
