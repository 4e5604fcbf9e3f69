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
 */
final class SecretPaths {

    static final int MAX_VISITED = 4096;

    private final Path passwd;

    SecretPaths(Path passwd) {
        this.passwd = passwd;
    }

    /** the expansion: existing real paths, without those under another one (the outer mask covers them). */
    record Expanded(List<Path> paths, List<String> truncated) {
    }

    /**
     * @param granted patterns or paths the scope lets the program read: those stay visible
     */
    Expanded expand(List<String> patterns, List<String> granted) {
        Set<Path> found = new LinkedHashSet<>();
        List<String> truncated = new ArrayList<>();
        List<Path> homes = null;
        for (String pattern : patterns) {
            if (granted.contains(pattern)) {
                continue;
            }
            List<String> absolute = new ArrayList<>();
            if (pattern.equals("~") || pattern.startsWith("~/")) {
                homes = homes == null ? homes() : homes;
                homes.forEach(h -> absolute.add(h + pattern.substring(1)));
            } else if (pattern.startsWith("/")) {
                absolute.add(pattern);
            }
            for (String a : absolute) {
                int[] visited = {0};
                walk(Path.of("/"), components(a), 0, found, visited);
                if (visited[0] > MAX_VISITED) {
                    truncated.add(pattern);
                }
            }
        }
        List<Path> real = found.stream().map(SecretPaths::real).filter(p -> p != null && !granted.contains(p.toString()))
                .distinct().sorted().toList();
        List<Path> outermost = real.stream().filter(p -> real.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q)
                && Files.isDirectory(q))).toList();
        return new Expanded(outermost, truncated);
    }

    private static List<String> components(String pattern) {
        return Stream.of(pattern.split("/")).filter(c -> !c.isEmpty() && !c.equals(".")).toList();
    }

    private static void walk(Path at, List<String> parts, int i, Set<Path> found, int[] visited) {
        if (++visited[0] > MAX_VISITED) {
            return;
        }
        if (i == parts.size()) {
            if (Files.exists(at, LinkOption.NOFOLLOW_LINKS)) {
                found.add(at);
            }
            return;
        }
        String part = parts.get(i);
        if (part.equals("**")) {
            if (i == parts.size() - 1) {
                // a trailing ** is the whole tree: masking the directory masks all of it
                walk(at, parts, i + 1, found, visited);
                return;
            }
            walk(at, parts, i + 1, found, visited);
            for (Path child : children(at)) {
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    walk(child, parts, i, found, visited);
                }
            }
        } else if (part.indexOf('*') >= 0 || part.indexOf('?') >= 0) {
            Pattern glob = glob(part);
            for (Path child : children(at)) {
                if (glob.matcher(child.getFileName().toString()).matches()) {
                    walk(child, parts, i + 1, found, visited);
                }
            }
        } else {
            walk(at.resolve(part), parts, i + 1, found, visited);
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
