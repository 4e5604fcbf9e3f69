package dev.llmos.actions.exec;

import dev.llmos.engine.spi.Scope;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * the private scratch directories of a confined program (decision 0027): /tmp and /var/tmp are a
 * tmpfs of its own, writable and discarded, unless it names the host's directory itself (ls /tmp,
 * cd /tmp, a grant of /tmp); the host's entries it names (a file an earlier step left, its cwd)
 * are shown in it read-only, links as links, so a planted link still resolves where the kernel
 * would send it, past the masks.
 */
final class Scratch {

    /** scratch directories a confined program gets private unless it names the host's. */
    static final List<String> DIRS = List.of("/tmp", "/var/tmp");

    /** how big a private scratch directory may grow (its pages count against the program's memory limit too). */
    static final long BYTES = 1L << 30;

    // what may stand before a directory's name in a text that mentions it as a path
    private static final String BOUNDARY = " \t\n'\"=:<>(|;&,@/";
    // what ends an entry's literal name: a separator, a quote, or the start of an expansion or glob
    private static final String NOT_NAME = "'\"/$`*?[{}<>|;&(),";

    /** one private directory and the host entries shown in it. */
    record Private(String dir, List<String> entries) {
    }

    /** what a text says about a scratch directory: the directory itself, and the host entries it names. */
    record Use(boolean whole, Set<String> entries) {
    }

    private Scratch() {
    }

    static List<Private> of(Scope scope, String cwd, List<String> named) {
        List<Private> out = new ArrayList<>();
        for (String dir : DIRS) {
            Path real = real(Path.of(dir));
            if (real == null || !Files.isDirectory(real) || !real.toString().equals(dir)) {
                continue;
            }
            boolean whole = dir.equals(cwd)
                    || scope.writable().stream().anyMatch(w -> w.equals(dir) || within(dir, w))
                    || scope.readable().contains(dir);
            Set<String> entries = new LinkedHashSet<>();
            for (String text : named) {
                if (whole || text == null) {
                    continue;
                }
                Use use = use(text, dir);
                whole = use.whole();
                entries.addAll(use.entries());
            }
            if (whole) {
                continue;
            }
            for (String p : concat(cwd == null ? List.of() : List.of(cwd), scope.readable())) {
                if (p.startsWith(dir + "/")) {
                    entries.add(p.substring(dir.length() + 1).split("/")[0]);
                }
            }
            out.add(new Private(dir, List.copyOf(entries)));
        }
        return out;
    }

    /** the bwrap arguments for one private directory: the tmpfs, then each host entry read-only. */
    static List<String> mounts(Private p) {
        List<String> c = new ArrayList<>(List.of("--perms", "1777", "--size", Long.toString(BYTES), "--tmpfs", p.dir()));
        for (String entry : p.entries()) {
            Path host = Path.of(p.dir(), entry);
            if (Files.isSymbolicLink(host)) {
                try {
                    c.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), host.toString()));
                } catch (IOException e) {
                    // gone since it was named: the program finds nothing there, as on the host
                }
            } else if (Files.exists(host, LinkOption.NOFOLLOW_LINKS)) {
                c.addAll(List.of("--ro-bind-try", host.toString(), host.toString()));
            }
        }
        return c;
    }

    /**
     * the directory itself when the text names it bare or with a name only the run knows
     * ({@code /tmp}, {@code /tmp/$F}); else the entries it names that exist on the host (a new
     * file of its own, {@code /tmp/out.$$}, is served by the private directory).
     */
    static Use use(String text, String dir) {
        Set<String> entries = new LinkedHashSet<>();
        for (int at = text.indexOf(dir); at >= 0; at = text.indexOf(dir, at + 1)) {
            int end = at + dir.length();
            if (at > 0 && BOUNDARY.indexOf(text.charAt(at - 1)) < 0) {
                continue;
            }
            if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || "_-.".indexOf(text.charAt(end)) >= 0)) {
                // another name that starts the same (/tmpfs)
                continue;
            }
            if (end == text.length() || text.charAt(end) != '/') {
                return new Use(true, Set.of());
            }
            int stop = end + 1;
            while (stop < text.length() && NOT_NAME.indexOf(text.charAt(stop)) < 0 && !Character.isWhitespace(text.charAt(stop))) {
                stop++;
            }
            String entry = text.substring(end + 1, stop);
            if (entry.isEmpty() || entry.equals(".") || entry.equals("..")) {
                return new Use(true, Set.of());
            }
            if (Files.exists(Path.of(dir, entry), LinkOption.NOFOLLOW_LINKS)) {
                entries.add(entry);
            }
        }
        return new Use(false, entries);
    }

    private static boolean within(String path, String dir) {
        return path != null && (path.equals(dir) || path.startsWith(dir.endsWith("/") ? dir : dir + "/"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException | SecurityException e) {
            return null;
        }
    }
}
