package dev.llmos.engine.host;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** reads host facts and the current process's identity from the files linux keeps them in. */
public final class HostProbe {

    private final Path root;

    /** {@code root} is "/" on a real host; tests point it at a directory tree they wrote. */
    public HostProbe(Path root) {
        this.root = root;
    }

    public static HostProbe system() {
        return new HostProbe(Path.of("/"));
    }

    public HostFacts host() {
        Map<String, String> release = osRelease();
        return new HostFacts(
                hostname(),
                release.getOrDefault("ID", "unknown"),
                release.getOrDefault("VERSION_ID", ""),
                System.getProperty("os.arch"),
                packageManager(),
                Files.isDirectory(root.resolve("run/systemd/system")) ? "systemd" : "other");
    }

    /** the identity of this process: used in embedded mode, where the caller is the requester. */
    public Requester currentProcess() {
        Map<String, String> status = procStatus();
        int uid = firstNumber(status.get("Uid"), -1);
        int gid = firstNumber(status.get("Gid"), -1);
        String user = nameOf(root.resolve("etc/passwd"), uid, System.getProperty("user.name"));
        List<String> groups = new ArrayList<>();
        String primary = nameOf(root.resolve("etc/group"), gid, null);
        if (primary != null) {
            groups.add(primary);
        }
        for (String g : status.getOrDefault("Groups", "").trim().split("\\s+")) {
            if (!g.isEmpty()) {
                String name = nameOf(root.resolve("etc/group"), Integer.parseInt(g), null);
                if (name != null && !groups.contains(name)) {
                    groups.add(name);
                }
            }
        }
        return new Requester(uid, gid, user, groups);
    }

    /** user and group names for a numeric identity, as the daemon needs for its peers. */
    public Requester identify(int uid, int gid) {
        String user = nameOf(root.resolve("etc/passwd"), uid, Integer.toString(uid));
        List<String> groups = new ArrayList<>();
        String primary = nameOf(root.resolve("etc/group"), gid, null);
        if (primary != null) {
            groups.add(primary);
        }
        for (String line : lines(root.resolve("etc/group"))) {
            String[] f = line.split(":", -1);
            if (f.length >= 4 && !f[3].isEmpty() && List.of(f[3].split(",")).contains(user) && !groups.contains(f[0])) {
                groups.add(f[0]);
            }
        }
        return new Requester(uid, gid, user, groups);
    }

    /**
     * the identity behind a user and group name, as the jdk's SO_PEERCRED reports them (names; a
     * numeric string when the id has no entry).
     */
    public Requester identifyByName(String user, String group) {
        int uid = idOf(root.resolve("etc/passwd"), user);
        int gid = idOf(root.resolve("etc/group"), group);
        return identify(uid, gid);
    }

    private static int idOf(Path table, String name) {
        if (name.matches("\\d+")) {
            return Integer.parseInt(name);
        }
        for (String line : lines(table)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[0].equals(name)) {
                return Integer.parseInt(f[2]);
            }
        }
        throw new IllegalArgumentException("no id for " + name + " in " + table);
    }

    private String packageManager() {
        for (String pm : List.of("apt-get", "dnf", "pacman")) {
            if (Files.isExecutable(root.resolve("usr/bin").resolve(pm))) {
                return pm.equals("apt-get") ? "apt" : pm;
            }
        }
        return "none";
    }

    private String hostname() {
        List<String> lines = lines(root.resolve("etc/hostname"));
        if (!lines.isEmpty() && !lines.get(0).isBlank()) {
            return lines.get(0).trim();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    private Map<String, String> osRelease() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(root.resolve("etc/os-release"))) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim().replaceAll("^\"|\"$", ""));
            }
        }
        return out;
    }

    private Map<String, String> procStatus() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : lines(Path.of("/proc/self/status"))) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    private static int firstNumber(String field, int fallback) {
        if (field == null || field.isBlank()) {
            return fallback;
        }
        return Integer.parseInt(field.trim().split("\\s+")[0]);
    }

    private static String nameOf(Path table, int id, String fallback) {
        for (String line : lines(table)) {
            String[] f = line.split(":", -1);
            if (f.length >= 3 && f[2].equals(Integer.toString(id))) {
                return f[0];
            }
        }
        return fallback;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            return List.of();
        }
    }
}
