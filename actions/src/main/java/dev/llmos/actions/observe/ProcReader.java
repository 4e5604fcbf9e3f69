package dev.llmos.actions.observe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.jna.Library;
import com.sun.jna.Native;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * reads the kernel's own accounting from a proc tree ("/proc" on a host; tests hand in a tree they
 * wrote) into numbers. nothing here writes, and no process's command line is read: arguments can
 * carry passwords, and a process's name (comm) is enough to tell what it is.
 */
final class ProcReader {

    /** filesystems that hold no files of their own: not shown by what=disk. */
    private static final Set<String> PSEUDO = Set.of("proc", "sysfs", "cgroup", "cgroup2", "devpts", "mqueue", "debugfs",
            "tracefs", "securityfs", "pstore", "bpf", "configfs", "fusectl", "hugetlbfs", "autofs", "binfmt_misc", "nsfs",
            "rpc_pipefs", "selinuxfs", "efivarfs", "devtmpfs", "ramfs");
    private static final String[] POLICIES = {"SCHED_OTHER", "SCHED_FIFO", "SCHED_RR", "SCHED_BATCH", "SCHED_ISO",
            "SCHED_IDLE", "SCHED_DEADLINE"};

    private interface LibC extends Library {
        long sysconf(int name);
    }

    /** clock ticks per second and the page size, from sysconf; linux's usual values where jna cannot load. */
    private static final class Units {
        static final long CLK_TCK;
        static final long PAGE_SIZE;

        static {
            long tck = 100;
            long page = 4096;
            try {
                LibC c = Native.load("c", LibC.class);
                tck = c.sysconf(2);   // _SC_CLK_TCK
                page = c.sysconf(30); // _SC_PAGESIZE
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // keep linux's usual values
            }
            CLK_TCK = tck > 0 ? tck : 100;
            PAGE_SIZE = page > 0 ? page : 4096;
        }
    }

    /** an observation that cannot be made (no such process, no psi in this kernel). */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message);
        }
    }

    private final Path proc;
    private final Path passwd;

    ProcReader(Path proc, Path passwd) {
        this.proc = proc;
        this.passwd = passwd;
    }

    static ProcReader system() {
        return new ProcReader(Path.of("/proc"), Path.of("/etc/passwd"));
    }

    static long clockTicks() {
        return Units.CLK_TCK;
    }

    static long pageSize() {
        return Units.PAGE_SIZE;
    }

    // pressure

    /** /proc/pressure/{cpu,memory,io,irq}: some and full, avg10/60/300 in percent, total in microseconds. */
    ObjectNode pressure() throws Unavailable {
        Path dir = proc.resolve("pressure");
        if (!Files.isDirectory(dir)) {
            throw new Unavailable("no pressure stall information: " + dir + " is missing (a kernel without CONFIG_PSI, or booted with psi=0)");
        }
        ObjectNode out = Json.mapper().createObjectNode();
        for (String resource : List.of("cpu", "memory", "io", "irq")) {
            List<String> lines;
            try {
                lines = Files.readAllLines(dir.resolve(resource));
            } catch (IOException e) {
                continue; // irq is newer than the others, and needs CONFIG_IRQ_TIME_ACCOUNTING
            }
            ObjectNode r = out.putObject(resource);
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                ObjectNode kind = r.putObject(f[0]);
                for (int i = 1; i < f.length; i++) {
                    int eq = f[i].indexOf('=');
                    if (eq < 0) {
                        continue;
                    }
                    String key = f[i].substring(0, eq);
                    String value = f[i].substring(eq + 1);
                    if (key.equals("total")) {
                        kind.put("total_us", Long.parseLong(value));
                    } else {
                        kind.put(key, Double.parseDouble(value));
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new Unavailable("no readable pressure files in " + dir);
        }
        return out;
    }

    // load

    ObjectNode load() throws Unavailable {
        String[] f = read(proc.resolve("loadavg")).trim().split("\\s+");
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("load1", Double.parseDouble(f[0]));
        out.put("load5", Double.parseDouble(f[1]));
        out.put("load15", Double.parseDouble(f[2]));
        String[] running = f[3].split("/");
        out.put("runnable", Long.parseLong(running[0]));
        out.put("scheduling_entities", Long.parseLong(running[1]));
        out.put("last_pid", Long.parseLong(f[4]));
        out.put("cpus", Runtime.getRuntime().availableProcessors());
        try {
            out.put("uptime_sec", Double.parseDouble(read(proc.resolve("uptime")).trim().split("\\s+")[0]));
        } catch (Unavailable e) {
            // uptime is a nicety
        }
        return out;
    }

    // memory

    /** every /proc/meminfo line in bytes (or as a count where it has no unit), plus used = total - available. */
    ObjectNode memory() throws Unavailable {
        Map<String, Long> info = new LinkedHashMap<>();
        Map<String, Boolean> bytes = new HashMap<>();
        for (String line : read(proc.resolve("meminfo")).split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            long value = Long.parseLong(f[0]);
            boolean kb = f.length > 1 && f[1].equals("kB");
            String key = line.substring(0, colon);
            info.put(key, kb ? value * 1024 : value);
            bytes.put(key, kb);
        }
        ObjectNode out = Json.mapper().createObjectNode();
        long total = info.getOrDefault("MemTotal", 0L);
        long available = info.getOrDefault("MemAvailable", info.getOrDefault("MemFree", 0L));
        out.put("total_bytes", total);
        out.put("available_bytes", available);
        out.put("used_bytes", total - available);
        out.put("used_percent", percent(total - available, total));
        long swapTotal = info.getOrDefault("SwapTotal", 0L);
        out.put("swap_total_bytes", swapTotal);
        out.put("swap_used_bytes", swapTotal - info.getOrDefault("SwapFree", 0L));
        ObjectNode all = out.putObject("meminfo");
        info.forEach((k, v) -> all.put(snake(k) + (bytes.get(k) ? "_bytes" : ""), v));
        return out;
    }

    // disk

    /** usage of each mounted filesystem (or only the one holding {@code path}), from statvfs through FileStore. */
    ObjectNode disk(String path) throws Unavailable {
        List<String[]> mounts = new ArrayList<>();
        for (String line : read(proc.resolve("self/mounts")).split("\n")) {
            String[] f = line.split(" ");
            if (f.length >= 3) {
                mounts.add(new String[]{unescape(f[0]), unescape(f[1]), f[2]});
            }
        }
        if (path != null) {
            String target = path;
            try {
                target = Path.of(path).toRealPath().toString();
            } catch (IOException e) {
                throw new Unavailable("cannot resolve " + path + ": " + e.getMessage());
            }
            String[] best = null;
            for (String[] m : mounts) {
                if ((target.equals(m[1]) || target.startsWith(m[1].endsWith("/") ? m[1] : m[1] + "/"))
                        && (best == null || m[1].length() >= best[1].length())) {
                    best = m;
                }
            }
            mounts = best == null ? List.of() : List.<String[]>of(best);
        }
        Map<String, String[]> byMount = new LinkedHashMap<>();
        for (String[] m : mounts) {
            if (path != null || !PSEUDO.contains(m[2])) {
                byMount.put(m[1], m); // a later mount over the same point hides the earlier one
            }
        }
        ObjectNode out = Json.mapper().createObjectNode();
        ArrayNode list = out.putArray("filesystems");
        for (String[] m : byMount.values()) {
            FileStore store;
            try {
                store = Files.getFileStore(Path.of(m[1]));
                long total = store.getTotalSpace();
                if (total == 0 && path == null) {
                    continue;
                }
                long free = store.getUnallocatedSpace();
                long available = store.getUsableSpace();
                ObjectNode fs = list.addObject();
                fs.put("mount", m[1]);
                fs.put("device", m[0]);
                fs.put("type", m[2]);
                fs.put("total_bytes", total);
                fs.put("used_bytes", total - free);
                fs.put("available_bytes", available);
                // as df shows it: used of what an unprivileged user could ever have
                fs.put("used_percent", percent(total - free, total - free + available));
                fs.put("read_only", store.isReadOnly());
            } catch (IOException | SecurityException e) {
                // a mount we may not stat (another namespace's, a dead network share): left out
            }
        }
        return out;
    }

    // processes

    /** one snapshot of a process's accounting, from /proc/PID/stat. */
    record Stat(int pid, String comm, String state, int ppid, long utime, long stime, long priority, long nice,
                long threads, long startTime, long vsize, long rssPages, long rtPriority, long policy) {
        long cpuTicks() {
            return utime + stime;
        }
    }

    Stat stat(int pid) throws Unavailable {
        String text;
        try {
            text = Files.readString(proc.resolve(Integer.toString(pid)).resolve("stat"));
        } catch (NoSuchFileException e) {
            throw new Unavailable("no process " + pid);
        } catch (IOException e) {
            throw new Unavailable("cannot read process " + pid + ": " + e.getMessage());
        }
        // comm sits in parentheses and may itself hold spaces and parentheses: it ends at the last ')'
        int open = text.indexOf('(');
        int close = text.lastIndexOf(')');
        if (open < 0 || close < open) {
            throw new Unavailable("cannot parse /proc/" + pid + "/stat");
        }
        String comm = text.substring(open + 1, close);
        String[] f = text.substring(close + 2).trim().split(" ");
        // f[i] is field i + 3 of proc(5)
        return new Stat(pid, comm, f[0], Integer.parseInt(f[1]), Long.parseLong(f[11]), Long.parseLong(f[12]),
                Long.parseLong(f[15]), Long.parseLong(f[16]), Long.parseLong(f[17]), Long.parseLong(f[19]),
                Long.parseLong(f[20]), Long.parseLong(f[21]), f.length > 37 ? Long.parseLong(f[37]) : 0,
                f.length > 38 ? Long.parseLong(f[38]) : 0);
    }

    private Map<Integer, Stat> allStats() throws Unavailable {
        Map<Integer, Stat> out = new LinkedHashMap<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(proc, p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path d : dirs) {
                try {
                    Stat s = stat(Integer.parseInt(d.getFileName().toString()));
                    out.put(s.pid(), s);
                } catch (Unavailable | RuntimeException e) {
                    // it exited while we looked
                }
            }
        } catch (IOException e) {
            throw new Unavailable("cannot list " + proc + ": " + e.getMessage());
        }
        return out;
    }

    /**
     * the top {@code limit} processes by cpu (the share of one cpu each used during {@code sampleMs},
     * measured between two readings) or by resident memory.
     */
    ObjectNode processes(String by, int limit, int sampleMs) throws Unavailable {
        Map<Integer, Stat> first = allStats();
        long start = System.nanoTime();
        Map<Integer, Stat> now = first;
        double seconds = 0;
        if (by.equals("cpu")) {
            try {
                Thread.sleep(sampleMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Unavailable("interrupted while sampling");
            }
            now = allStats();
            seconds = (System.nanoTime() - start) / 1e9;
        }
        Map<Integer, Double> cpu = new HashMap<>();
        for (Stat s : now.values()) {
            Stat before = first.get(s.pid());
            long ticks = before == null || before.startTime() != s.startTime() ? 0 : s.cpuTicks() - before.cpuTicks();
            cpu.put(s.pid(), seconds <= 0 ? 0.0 : round(100.0 * ticks / clockTicks() / seconds));
        }
        Comparator<Stat> order = by.equals("cpu")
                ? Comparator.<Stat>comparingDouble(s -> cpu.get(s.pid())).thenComparingLong(Stat::cpuTicks).reversed()
                : Comparator.comparingLong(Stat::rssPages).reversed();
        Map<Integer, String> users = users();
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("by", by);
        if (by.equals("cpu")) {
            out.put("sample_ms", Math.round(seconds * 1000));
        }
        out.put("process_count", now.size());
        ArrayNode list = out.putArray("processes");
        now.values().stream().sorted(order.thenComparingInt(Stat::pid)).limit(limit).forEach(s -> {
            ObjectNode p = list.addObject();
            p.put("pid", s.pid());
            p.put("comm", s.comm());
            p.put("state", s.state());
            int uid = uid(s.pid());
            p.put("uid", uid);
            if (users.containsKey(uid)) {
                p.put("user", users.get(uid));
            }
            p.put("cpu_percent", cpu.get(s.pid()));
            p.put("cpu_time_sec", round((double) s.cpuTicks() / clockTicks()));
            p.put("rss_bytes", s.rssPages() * pageSize());
            p.put("threads", s.threads());
            p.put("nice", s.nice());
        });
        return out;
    }

    /** one process's scheduling: policy, nice, priorities, cpu time, context switches and the scheduler's own counters. */
    ObjectNode process(int pid) throws Unavailable {
        Stat s = stat(pid);
        ObjectNode out = Json.mapper().createObjectNode();
        out.put("pid", s.pid());
        out.put("comm", s.comm());
        out.put("state", s.state());
        out.put("ppid", s.ppid());
        out.put("uid", uid(pid));
        out.put("policy", s.policy() >= 0 && s.policy() < POLICIES.length ? POLICIES[(int) s.policy()] : "policy " + s.policy());
        out.put("policy_id", s.policy());
        out.put("nice", s.nice());
        out.put("priority", s.priority());
        out.put("rt_priority", s.rtPriority());
        out.put("threads", s.threads());
        out.put("utime_sec", round((double) s.utime() / clockTicks()));
        out.put("stime_sec", round((double) s.stime() / clockTicks()));
        out.put("cpu_time_sec", round((double) s.cpuTicks() / clockTicks()));
        out.put("started_after_boot_sec", round((double) s.startTime() / clockTicks()));
        out.put("vsize_bytes", s.vsize());
        out.put("rss_bytes", s.rssPages() * pageSize());
        Map<String, String> status = keyValues(proc.resolve(Integer.toString(pid)).resolve("status"), ':');
        for (String key : List.of("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")) {
            if (status.containsKey(key)) {
                out.put(key, Long.parseLong(status.get(key).trim()));
            }
        }
        if (status.containsKey("Cpus_allowed_list")) {
            out.put("cpus_allowed", status.get("Cpus_allowed_list").trim());
        }
        Map<String, String> sched = keyValues(proc.resolve(Integer.toString(pid)).resolve("sched"), ':');
        if (sched.isEmpty()) {
            out.put("sched_note", "/proc/" + pid + "/sched is missing (a kernel without CONFIG_SCHED_DEBUG)");
        } else {
            ObjectNode se = out.putObject("sched");
            sched.forEach((k, v) -> {
                String value = v.trim();
                String key = k.trim().replace('.', '_').replace('-', '_');
                if (value.matches("-?\\d+")) {
                    se.put(key, Long.parseLong(value));
                } else if (value.matches("-?\\d+\\.\\d+")) {
                    se.put(key, Double.parseDouble(value));
                }
            });
        }
        return out;
    }

    private int uid(int pid) {
        try {
            return (Integer) Files.getAttribute(proc.resolve(Integer.toString(pid)), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private Map<Integer, String> users() {
        Map<Integer, String> out = new HashMap<>();
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[2].matches("\\d+")) {
                    out.putIfAbsent(Integer.parseInt(f[2]), f[0]);
                }
            }
        } catch (IOException e) {
            // numbers alone, then
        }
        return out;
    }

    private static Map<String, String> keyValues(Path file, char separator) {
        Map<String, String> out = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(file)) {
                int at = line.indexOf(separator);
                if (at > 0) {
                    out.put(line.substring(0, at).trim(), line.substring(at + 1));
                }
            }
        } catch (IOException e) {
            // missing: empty
        }
        return out;
    }

    private static String read(Path file) throws Unavailable {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new Unavailable("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** /proc/mounts escapes space, tab, newline and backslash as octal. */
    static String unescape(String field) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '\\' && i + 3 < field.length() && field.substring(i + 1, Math.min(field.length(), i + 4)).matches("[0-7]{3}")) {
                out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    static String snake(String key) {
        return key.replaceAll("\\(([^)]*)\\)", "_$1").replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[^A-Za-z0-9]+", "_")
                .replaceAll("_+$", "").toLowerCase(Locale.ROOT);
    }

    private static double percent(long part, long whole) {
        return whole <= 0 ? 0.0 : round(100.0 * part / whole);
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
