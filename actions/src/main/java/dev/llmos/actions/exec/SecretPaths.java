package dev.llmos.actions.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * the catalogue's secret patterns expanded against the filesystem as it is right before a program
 * starts: {@code *} within one component, {@code **} across components, {@code ~} for every home in
 * the passwd file (and /root). what comes out is real paths, so a link cannot steer a mask away
 * from the file it guards. a walk through {@code **} is bounded: a pattern that would visit more
 * than {@link #MAX_VISITED} directories masks what it found so far and the caller is told.
 *
 * <p>an expansion is kept and reused while what it looked at is unchanged ({@link Witnesses}):
 * checking those directories again is a stat each, where expanding walks every home for every
 * pattern (decision 0026).
 */
final class SecretPaths {

    static final int MAX_VISITED = 4096;
    /** expansions kept at once: one per catalogue and granted set; more are dropped, not evicted one by one. */
    private static final int KEPT = 16;

    private final Path passwd;
    private final java.time.Duration racy;
    private final java.util.concurrent.ConcurrentHashMap<List<List<String>>, Kept> kept = new java.util.concurrent.ConcurrentHashMap<>();

    /** an expansion, what it looked at, and the real paths its matches had. */
    private record Kept(Expanded expanded, Witnesses witnesses, java.util.Map<Path, Path> reals) {
        boolean current() {
            if (!witnesses.unchanged()) {
                return false;
            }
            for (java.util.Map.Entry<Path, Path> e : reals.entrySet()) {
                if (!java.util.Objects.equals(real(e.getKey()), e.getValue())) {
                    return false;
                }
            }
            return true;
        }
    }

    SecretPaths(Path passwd) {
        this(passwd, Witnesses.RACY);
    }

    /** {@code racy} is a seam: tests set their directories' times in the past and need no wait. */
    SecretPaths(Path passwd, java.time.Duration racy) {
        this.passwd = passwd;
        this.racy = racy;
    }

    /** the expansion: existing real paths, without those under another one (the outer mask covers them). */
    record Expanded(List<Path> paths, List<String> truncated) {
    }

    /**
     * @param granted patterns or paths the scope lets the program read: those stay visible
     */
    Expanded expand(List<String> patterns, List<String> granted) {
        List<List<String>> key = List.of(List.copyOf(patterns), List.copyOf(granted));
        Kept k = kept.get(key);
        if (k != null && k.current()) {
            return k.expanded();
        }
        Witnesses seen = new Witnesses(racy);
        java.util.Map<Path, Path> reals = new java.util.LinkedHashMap<>();
        Expanded e = expand(patterns, granted, seen, reals);
        if (seen.keepable()) {
            if (kept.size() >= KEPT) {
                kept.clear();
            }
            kept.put(key, new Kept(e, seen, reals));
        } else {
            kept.remove(key);
        }
        return e;
    }

    private Expanded expand(List<String> patterns, List<String> granted, Witnesses seen, java.util.Map<Path, Path> reals) {
        Set<Path> found = new LinkedHashSet<>();
        List<String> truncated = new ArrayList<>();
        List<Path> homes = null;
        for (String pattern : patterns) {
            if (granted.contains(pattern)) {
                continue;
            }
            List<String> absolute = new ArrayList<>();
            if (pattern.equals("~") || pattern.startsWith("~/")) {
                if (homes == null) {
                    seen.saw(passwd);
                    homes = homes();
                }
                homes.forEach(h -> absolute.add(h + pattern.substring(1)));
            } else if (pattern.startsWith("/")) {
                absolute.add(pattern);
            }
            for (String a : absolute) {
                int[] visited = {0};
                walk(Path.of("/"), components(a), 0, found, visited, seen);
                if (visited[0] > MAX_VISITED) {
                    truncated.add(pattern);
                }
            }
        }
        found.forEach(f -> reals.put(f, real(f)));
        List<Path> real = found.stream().map(reals::get).filter(p -> p != null && !granted.contains(p.toString()))
                .distinct().sorted().toList();
        List<Path> outermost = real.stream().filter(p -> real.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q)
                && Files.isDirectory(q))).toList();
        return new Expanded(outermost, truncated);
    }

    private static List<String> components(String pattern) {
        return Stream.of(pattern.split("/")).filter(c -> !c.isEmpty() && !c.equals(".")).toList();
    }

    private static void walk(Path at, List<String> parts, int i, Set<Path> found, int[] visited, Witnesses seen) {
        if (++visited[0] > MAX_VISITED) {
            return;
        }
        if (i == parts.size()) {
            // whether it exists is an entry of its parent, which was seen on the way here
            if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                found.add(at);
            }
            return;
        }
        // every name below depends on this directory's entries (or on its absence)
        seen.saw(at);
        if (!Files.isDirectory(at)) {
            return;
        }
        String part = parts.get(i);
        if (part.equals("**")) {
            if (i == parts.size() - 1) {
                // a trailing ** is the whole tree: masking the directory masks all of it
                walk(at, parts, i + 1, found, visited, seen);
                return;
            }
            walk(at, parts, i + 1, found, visited, seen);
            for (Path child : children(at)) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    walk(child, parts, i, found, visited, seen);
                }
            }
        } else if (part.indexOf('*') >= 0 || part.indexOf('?') >= 0) {
            Pattern glob = glob(part);
            for (Path child : children(at)) {
                if (glob.matcher(child.getFileName().toString()).matches()) {
                    walk(child, parts, i + 1, found, visited, seen);
                }
            }
        } else {
            walk(at.resolve(part), parts, i + 1, found, visited, seen);
        }
    }

    private static List<Path> children(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(out::add);
        } catch (IOException | SecurityException e) {
            // a directory we cannot list holds nothing we could mask by name; the kernel guards it
        }
        return out;
    }

    static Pattern glob(String component) {
        StringBuilder regex = new StringBuilder();
        for (char c : component.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> "[^/]*";
                case '?' -> "[^/]";
                default -> Pattern.quote(String.valueOf(c));
            });
        }
        return Pattern.compile(regex.toString());
    }

    private List<Path> homes() {
        Set<Path> homes = new LinkedHashSet<>();
        homes.add(Path.of("/root"));
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[5].startsWith("/") && !f[5].equals("/")) {
                    homes.add(Path.of(f[5]));
                }
            }
        } catch (IOException e) {
            // without a passwd file only /root is known
        }
        return List.copyOf(homes);
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
