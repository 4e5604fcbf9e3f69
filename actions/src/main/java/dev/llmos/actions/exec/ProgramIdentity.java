package dev.llmos.actions.exec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * what a program file is, not what it is called: its real path (symlinks followed), and when it
 * lies outside the system's binary directories, which system binary has the same content (a
 * copied or hard-linked rm is rm). the system binaries are indexed by size and hashed only when
 * a candidate of the same size turns up; hashes are cached by (device, inode, mtime, size).
 */
public final class ProgramIdentity {

    /** directories whose programs the system itself installed. */
    static final List<String> SYSTEM_DIRS = List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin");
    private static final long MAX_HASHED = 256L << 20;

    /**
     * @param name what the program is: the basename of its real path when that is a system binary,
     *             of the system binary with the same content, or else of its own real path
     * @param realPath the program's real path
     * @param system whether the real path lies in a system binary directory
     * @param copyOf the system binary with the same content, when the program is a copy outside them
     */
    public record Identity(String name, String realPath, boolean system, String copyOf) {
    }

    private static final Map<String, String> HASHES = new ConcurrentHashMap<>();
    private static volatile Index index;

    private ProgramIdentity() {
    }

    public static Identity of(Path program) {
        Path real;
        try {
            real = program.toRealPath();
        } catch (IOException e) {
            real = program.toAbsolutePath().normalize();
        }
        String named = program.getFileName() == null ? "/" : program.getFileName().toString();
        // installed under this name (/usr/sbin/reboot -> systemctl): the name is what the binary acts as
        if (installed(program)) {
            return new Identity(named, real.toString(), true, null);
        }
        String name = real.getFileName() == null ? "/" : real.getFileName().toString();
        if (inSystemDir(real)) {
            return new Identity(dispatching(name) ? named : name, real.toString(), true, null);
        }
        String twin = twin(real);
        if (twin == null) {
            return new Identity(name, real.toString(), false, null);
        }
        String twinName = Path.of(twin).getFileName().toString();
        return new Identity(dispatching(twinName) ? named : twinName, real.toString(), false, twin);
    }

    /** binaries that act as whatever name they are run under (systemctl as reboot, busybox as any applet). */
    static final java.util.Set<String> DISPATCHING = java.util.Set.of("systemctl", "busybox", "toybox", "kmod", "pgrep",
            "udevadm", "systemd", "ip", "coreutils", "bash", "vim.basic", "vim.tiny", "xz", "gzip", "bzip2", "zstd");

    private static boolean dispatching(String name) {
        return DISPATCHING.contains(name) || name.startsWith("busybox");
    }

    /** whether the program's own directory (not its link target's) is a system binary directory. */
    private static boolean installed(Path program) {
        Path parent = program.toAbsolutePath().getParent();
        if (parent == null) {
            return false;
        }
        try {
            return index().dirs().contains(parent.toRealPath().toString());
        } catch (IOException e) {
            return false;
        }
    }

    static boolean inSystemDir(Path real) {
        Path parent = real.getParent();
        return parent != null && index().dirs().contains(parent.toString());
    }

    /** the system binary with the same bytes as {@code real}, or null. */
    private static String twin(Path real) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(real, BasicFileAttributes.class);
        } catch (IOException e) {
            return null;
        }
        if (!attrs.isRegularFile() || attrs.size() > MAX_HASHED) {
            return null;
        }
        List<Path> candidates = index().bySize().get(attrs.size());
        if (candidates == null) {
            return null;
        }
        String hash = hash(real);
        if (hash == null) {
            return null;
        }
        for (Path candidate : candidates) {
            if (hash.equals(hash(candidate))) {
                return candidate.toString();
            }
        }
        return null;
    }

    private static String hash(Path file) {
        String key;
        try {
            Map<String, Object> a = Files.readAttributes(file, "unix:dev,ino,lastModifiedTime,size");
            key = a.get("dev") + ":" + a.get("ino") + ":" + a.get("lastModifiedTime") + ":" + a.get("size");
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return null;
        }
        String cached = HASHES.get(key);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) {
                sha.update(buf, 0, r);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            HASHES.put(key, hex);
            return hex;
        } catch (IOException | NoSuchAlgorithmException e) {
            return null;
        }
    }

    /** the system binaries by size (real paths, sorted so a twin is found the same way every time). */
    private record Index(List<String> dirs, Map<Long, List<Path>> bySize, String stamp) {
    }

    private static Index index() {
        String stamp = stamp();
        Index current = index;
        if (current != null && current.stamp().equals(stamp)) {
            return current;
        }
        List<String> dirs = new ArrayList<>();
        TreeMap<String, Long> files = new TreeMap<>();
        for (String dir : SYSTEM_DIRS) {
            Path real;
            try {
                real = Path.of(dir).toRealPath();
            } catch (IOException e) {
                continue;
            }
            if (!dirs.contains(real.toString())) {
                dirs.add(real.toString());
            }
            try (Stream<Path> list = Files.list(real)) {
                list.forEach(p -> {
                    try {
                        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        if (a.isRegularFile()) {
                            files.put(p.toString(), a.size());
                        }
                    } catch (IOException e) {
                        // gone while listing
                    }
                });
            } catch (IOException e) {
                // an unreadable directory contributes nothing
            }
        }
        Map<Long, List<Path>> bySize = new HashMap<>();
        files.forEach((p, size) -> bySize.computeIfAbsent(size, s -> new ArrayList<>()).add(Path.of(p)));
        Index built = new Index(List.copyOf(dirs), bySize, stamp);
        index = built;
        return built;
    }

    /** changes when a package adds or removes a binary: the directories' modification times. */
    private static String stamp() {
        StringBuilder sb = new StringBuilder();
        for (String dir : SYSTEM_DIRS) {
            try {
                sb.append(Files.getLastModifiedTime(Path.of(dir)).toMillis()).append(';');
            } catch (IOException e) {
                sb.append("-;");
            }
        }
        return sb.toString();
    }
}
