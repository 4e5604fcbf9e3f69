package dev.llmos.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** resolves plan paths before policy sees them, so a symlink cannot smuggle a write past a rule. */
public final class PathResolver {

    private final Path cwd;

    public PathResolver(Path cwd) {
        this.cwd = cwd.toAbsolutePath().normalize();
    }

    public PathFacts resolve(String raw) {
        return resolve(raw, new Lookups());
    }

    /** as above, asking the file system through {@code lookups}: one decision shares one. */
    public PathFacts resolve(String raw, Lookups lookups) {
        Walk walk = walk(raw.startsWith("/") ? raw : cwd + "/" + raw, lookups);
        Path real = Path.of(walk.path);
        Path given = cwd.resolve(raw).normalize();
        Lookups.Attrs attrs = lookups.lstat(walk.path);
        boolean exists = attrs != null;
        boolean symlink = walk.links > 0 || !real.equals(given);
        String owner = null;
        long size = -1;
        boolean directory = false;
        if (exists && attrs.symlink()) {
            // a link left unfollowed (dangling, or too many on the way): asked through it, as before
            directory = Files.isDirectory(real);
            try {
                owner = Files.getOwner(real).getName();
                if (Files.isRegularFile(real)) {
                    size = Files.size(real);
                }
            } catch (IOException e) {
                owner = null;
            }
        } else if (exists) {
            directory = attrs.directory();
            owner = lookups.owner(attrs.uid(), real);
            size = attrs.regular() ? attrs.size() : -1;
        }
        Path parent = real.getParent();
        Lookups.Attrs parentAttrs = parent == null ? null : lookups.lstat(parent.toString());
        return new PathFacts(raw, real.toString(), topDir(real), exists, directory, symlink, owner, size,
                exists ? attrs.id() : null, parentAttrs == null ? null : parentAttrs.id());
    }

    /** where a walk ended and how many links it followed. */
    private record Walk(String path, int links) {
    }

    /** what the kernel's lookup does with symlinks on the way, unbounded loops cut at its own limit. */
    private static final int MAX_LINKS = 40;

    /**
     * resolves component by component as the kernel does: a symlink is followed where it is met,
     * before a later ".." (so /var/run/../etc is /etc when /var/run links to /run); what does
     * not exist yet is appended as written, with "." and ".." applied to it textually.
     */
    private static Walk walk(String absolute, Lookups lookups) {
        java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>();
        push(todo, absolute);
        String cur = "/";
        int links = 0;
        boolean missing = false;
        while (!todo.isEmpty()) {
            String part = todo.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                cur = parent(cur);
                continue;
            }
            String next = cur.equals("/") ? "/" + part : cur + "/" + part;
            if (!missing) {
                Lookups.Attrs attrs = lookups.lstat(next);
                // a link is followed when it leads somewhere; a dangling one stays itself, as file
                // actions refuse to write through it
                if (attrs != null && attrs.symlink() && links < MAX_LINKS && lookups.leadsSomewhere(next)) {
                    String target = lookups.target(next);
                    // an unreadable link keeps its own path
                    if (target != null) {
                        links++;
                        if (target.startsWith("/")) {
                            cur = "/";
                        }
                        push(todo, target);
                        continue;
                    }
                } else if (attrs == null) {
                    missing = true;
                }
            }
            cur = next;
        }
        return new Walk(cur, links);
    }

    private static void push(java.util.ArrayDeque<String> todo, String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            todo.push(parts[i]);
        }
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** follows symlinks of the longest existing prefix, then appends what does not exist yet. */
    static Path realPath(Path absolute) {
        return Path.of(walk(absolute.toString(), new Lookups()).path);
    }

    static String topDir(Path real) {
        if (real.getNameCount() == 0) {
            return "/";
        }
        return "/" + real.getName(0);
    }
}
