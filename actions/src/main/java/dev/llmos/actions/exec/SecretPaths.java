package dev.llmos.actions.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.HashMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * the catalogue's secret patterns expanded against the filesystem as it is right before a program
 * starts: {@code *} within one component, {@code **} across components, {@code ~} for every home in
 * the passwd file (and /root). what comes out is real paths, so a link cannot steer a mask away
 * from the file it guards. a walk through {@code **} is bounded: a pattern that would visit more
 * than {@link #MAX_VISITED} directories masks what it found so far and the caller is told.
 *
 * <p>each pattern's walk is kept and reused while what it looked at is unchanged ({@link Witnesses}):
 * checking a directory again is one stat per run, where a walk looks every home up for every
 * pattern (decision 0026). the matches' real paths are resolved again on every run.
 */
final class SecretPaths {

    static final int MAX_VISITED = 4096;
    /** walks kept at once (one per pattern and home); past that they are dropped and walked again. */
    private static final int KEPT = 8192;

    private final Path passwd;
    private final Duration racy;
    private final ConcurrentHashMap<String, Walk> walks = new ConcurrentHashMap<>();
    private volatile Homes homes;
    private volatile Snapshot last;
    private final java.util.concurrent.atomic.AtomicLong walked = new java.util.concurrent.atomic.AtomicLong();

    /** what one absolute pattern matched, and what the walk looked at. */
    private record Walk(Set<Path> found, boolean truncated, Witnesses seen) {
    }

    /** the homes read from the passwd file, while it reads the same. */
    private record Homes(List<Path> homes, Witnesses seen) {
    }

    /**
     * the last whole expansion: what each pattern matched, and every witness of every walk behind it,
     * each path once. while they all read the same, every kept walk would be reused, so the whole
     * result is: one stat per distinct directory instead of one check per walk and witness.
     */
    private record Snapshot(List<String> patterns, Map<String, Match> byPattern, Map<Path, Witnesses.State> witnesses) {
    }

    /** what one pattern matched (over every home, for a ~ pattern). */
    private record Match(Set<Path> found, boolean truncated) {
    }

    SecretPaths(Path passwd) {
        this(passwd, Witnesses.RACY);
    }

    /** {@code racy} is a seam: tests set their directories' times in the past and need no wait. */
    SecretPaths(Path passwd, Duration racy) {
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
        return expand(patterns, granted, List.of());
    }

    /**
     * @param roots directories the program names or works in: patterns that hold anywhere
     *              ({@code **}{@code /.env}, {@code **}{@code /*.key}) are looked for beneath each
     *              of them, in one walk per root (the absolute and ~ patterns are walked as before)
     */
    Expanded expand(List<String> patterns, List<String> granted, List<Path> roots) {
        // one stat per directory per run, however many patterns looked at it
        Map<Path, Witnesses.State> now = new HashMap<>();
        Function<Path, Witnesses.State> current = p -> now.computeIfAbsent(p, Witnesses::state);
        List<String> keyed = new ArrayList<>(patterns);
        List<String> anywhere = patterns.stream().filter(SecretPaths::anywhere).toList();
        if (!anywhere.isEmpty()) {
            roots.forEach(r -> keyed.add(ANYWHERE + r));
        }
        Map<String, Match> byPattern = reused(keyed, current);
        if (byPattern == null) {
            byPattern = walkAll(patterns, anywhere.isEmpty() ? List.of() : roots, anywhere, keyed, current);
        }
        Set<Path> found = new LinkedHashSet<>();
        List<String> truncated = new ArrayList<>();
        for (Map.Entry<String, Match> e : byPattern.entrySet()) {
            if (e.getKey().startsWith(ANYWHERE)) {
                found.addAll(e.getValue().found());
                if (e.getValue().truncated()) {
                    truncated.add(e.getKey().substring(ANYWHERE.length()) + "/**");
                }
            }
        }
        for (String pattern : patterns) {
            Match m = byPattern.get(pattern);
            if (granted.contains(pattern) || m == null) {
                continue;
            }
            found.addAll(m.found());
            if (m.truncated()) {
                truncated.add(pattern);
            }
        }
        List<Path> real = found.stream().map(SecretPaths::real).filter(p -> p != null && !granted.contains(p.toString()))
                .distinct().sorted().toList();
        List<Path> outermost = real.stream().filter(p -> real.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q)
                && Files.isDirectory(q))).toList();
        return new Expanded(outermost, truncated);
    }

    /** the last run's matches, when it expanded the same patterns and nothing it looked at changed since. */
    private Map<String, Match> reused(List<String> patterns, Function<Path, Witnesses.State> current) {
        Snapshot s = last;
        if (s == null || !s.patterns().equals(patterns)) {
            return null;
        }
        for (Map.Entry<Path, Witnesses.State> w : s.witnesses().entrySet()) {
            if (!current.apply(w.getKey()).equals(w.getValue())) {
                return null;
            }
        }
        return s.byPattern();
    }

    /** every pattern, each walk reused while its own witnesses read the same; kept whole when every walk may be. */
    private Map<String, Match> walkAll(List<String> patterns, List<Path> roots, List<String> anywhere, List<String> keyed,
                                      Function<Path, Witnesses.State> current) {
        Map<String, Match> byPattern = new HashMap<>();
        Map<Path, Witnesses.State> witnesses = new HashMap<>();
        boolean keepable = true;
        Pattern names = roots.isEmpty() ? null : names(anywhere);
        for (Path root : roots) {
            String key = ANYWHERE + root + "\0" + String.join("\0", anywhere);
            Walk w = walks.get(key);
            if (w == null || !w.seen().unchanged(current)) {
                w = walkNames(root, names);
                keep(key, w);
            }
            keepable &= w.seen().keepable() && w.seen().into(witnesses);
            byPattern.put(ANYWHERE + root, new Match(w.found(), w.truncated()));
        }
        List<Path> homes = null;
        for (String pattern : patterns) {
            List<String> absolute = new ArrayList<>();
            if (pattern.equals("~") || pattern.startsWith("~/")) {
                if (homes == null) {
                    Homes h = homes(current);
                    homes = h.homes();
                    keepable &= h.seen().keepable() && h.seen().into(witnesses);
                }
                homes.forEach(h -> absolute.add(h + pattern.substring(1)));
            } else if (pattern.startsWith("/")) {
                absolute.add(pattern);
            }
            Set<Path> found = new LinkedHashSet<>();
            boolean cut = false;
            for (String a : absolute) {
                Walk w = walks.get(a);
                if (w == null || !w.seen().unchanged(current)) {
                    w = walk(a);
                    keep(a, w);
                }
                keepable &= w.seen().keepable() && w.seen().into(witnesses);
                found.addAll(w.found());
                cut |= w.truncated();
            }
            byPattern.put(pattern, new Match(found, cut));
        }
        last = keepable ? new Snapshot(List.copyOf(keyed), Map.copyOf(byPattern), Map.copyOf(witnesses)) : null;
        return byPattern;
    }

    /** how many walks were done, kept ones not counted again: tests see what was reused. */
    long walked() {
        return walked.get();
    }

    /** marks the matches beneath a root in the maps above; a NUL cannot be in a pattern or a path. */
    private static final String ANYWHERE = "\0anywhere\0";

    /** a pattern that holds at any depth under any directory: ** and then one name (glob). */
    private static boolean anywhere(String pattern) {
        return pattern.startsWith("**/") && pattern.indexOf('/', 3) < 0 && pattern.length() > 3;
    }

    private static Pattern names(List<String> anywhere) {
        return Pattern.compile(anywhere.stream().map(p -> glob(p.substring(3)).pattern()).collect(
                java.util.stream.Collectors.joining("|", "(?:", ")")));
    }

    /** one walk under {@code root}, bounded like the others, finding every entry whose name matches. */
    private Walk walkNames(Path root, Pattern names) {
        walked.incrementAndGet();
        Witnesses seen = new Witnesses(racy);
        Set<Path> found = new LinkedHashSet<>();
        int visited = 0;
        java.util.ArrayDeque<Path> dirs = new java.util.ArrayDeque<>(List.of(root));
        while (!dirs.isEmpty() && visited <= MAX_VISITED) {
            Path dir = dirs.poll();
            visited++;
            seen.saw(dir);
            for (Path child : children(dir)) {
                if (names.matcher(child.getFileName().toString()).matches()) {
                    found.add(child);
                } else if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    dirs.add(child);
                }
            }
        }
        return new Walk(found, !dirs.isEmpty(), seen);
    }

    private Walk walk(String absolute) {
        walked.incrementAndGet();
        Witnesses seen = new Witnesses(racy);
        Set<Path> found = new LinkedHashSet<>();
        int[] visited = {0};
        walk(Path.of("/"), components(absolute), 0, found, visited, seen);
        return new Walk(found, visited[0] > MAX_VISITED, seen);
    }

    private void keep(String absolute, Walk w) {
        if (!w.seen().keepable()) {
            walks.remove(absolute);
            return;
        }
        if (walks.size() >= KEPT) {
            walks.clear();
        }
        walks.put(absolute, w);
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

    private Homes homes(Function<Path, Witnesses.State> current) {
        Homes h = homes;
        if (h != null && h.seen().unchanged(current)) {
            return h;
        }
        Witnesses seen = new Witnesses(racy);
        seen.saw(passwd);
        Set<Path> out = new LinkedHashSet<>();
        out.add(Path.of("/root"));
        try {
            for (String line : Files.readAllLines(passwd)) {
                String[] f = line.split(":", -1);
                if (f.length >= 6 && f[5].startsWith("/") && !f[5].equals("/")) {
                    out.add(Path.of(f[5]));
                }
            }
        } catch (IOException e) {
            // without a passwd file only /root is known
        }
        h = new Homes(List.copyOf(out), seen);
        homes = seen.keepable() ? h : null;
        return h;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return null;
        }
    }
}
