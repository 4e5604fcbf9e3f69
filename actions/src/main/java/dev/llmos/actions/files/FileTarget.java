package dev.llmos.actions.files;

import dev.llmos.engine.host.FileId;
import dev.llmos.engine.host.PathChange;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.PathResolver;
import dev.llmos.engine.spi.ExecContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * a plan path resolved the way policy saw it (absolute, normalised, symlinks followed), with what
 * is there now. handlers act on {@link #real} only, and on the objects {@link #decided} names.
 *
 * @param decided the path as the decision saw it: real path, and the inodes of it and its directory
 */
record FileTarget(String path, Path real, FileKind kind, PathFacts decided) {

    private static final PathResolver RESOLVER = new PathResolver(Path.of("/"));

    /** a path the handler refuses to touch, with the reason in plain words. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }

    /**
     * the target as the decision saw it; a context without decided paths (a handler called
     * directly) binds to what is there when the action starts.
     */
    static FileTarget resolve(String path, ExecContext context) throws Refused {
        PathFacts decided = context.decided(path).orElse(null);
        if (decided == null) {
            return resolve(path);
        }
        // what was decided, never re-resolved: links that appeared since are not followed
        Path real = Path.of(decided.realPath());
        String change = PathChange.onTheWay(decided.realPath(), decided.parentId() != null);
        if (change != null) {
            // said here in words; the descriptor walk in BoundDir is what actually holds the line
            throw new Refused("refusing to touch " + real + ": " + change + "; nothing changed");
        }
        try {
            return new FileTarget(path, real, FileKind.of(real), decided);
        } catch (IOException e) {
            throw new Refused("cannot inspect " + real + ": " + e.getMessage());
        }
    }

    static FileTarget resolve(String path) throws Refused {
        if (path == null || !path.startsWith("/")) {
            throw new Refused("path must be absolute, got " + path);
        }
        if (path.indexOf('\0') >= 0) {
            throw new Refused("path must not contain NUL bytes");
        }
        try {
            PathFacts facts = RESOLVER.resolve(path);
            Path real = Path.of(facts.realPath());
            return new FileTarget(path, real, FileKind.of(real), facts);
        } catch (InvalidPathException e) {
            throw new Refused("invalid path " + path + ": " + e.getReason());
        } catch (Refused e) {
            throw e;
        } catch (IOException e) {
            throw new Refused("cannot inspect " + path + ": " + e.getMessage());
        }
    }

    /** a target that may be (re)written: a regular file or nothing, in an existing directory. */
    FileTarget writable() throws Refused {
        switch (kind) {
            case REGULAR, MISSING -> {
            }
            case SYMLINK -> {
                // the resolver follows every link that leads somewhere, so a decided link dangles; any other is new
                if (decided.id() != null && decided.id().equals(FileId.of(real))) {
                    throw new Refused("refusing to write " + real + ": it is a dangling symlink");
                }
                throw new Refused("refusing to write " + real + ": it was " + (decided.exists() ? "a regular file" : "missing")
                        + " at decision time, now " + PathChange.kind(real) + "; nothing changed");
            }
            default -> throw new Refused("refusing to write " + real + ": it is a " + kind.words() + ", not a regular file");
        }
        Path parent = real.getParent();
        if (parent == null) {
            throw new Refused("refusing to write " + real + ": it is the root directory");
        }
        if (!Files.exists(parent)) {
            throw new Refused("parent directory " + parent + " does not exist");
        }
        if (!Files.isDirectory(parent)) {
            throw new Refused("parent " + parent + " is not a directory");
        }
        return this;
    }

    boolean exists() {
        return kind != FileKind.MISSING;
    }

    long size() throws IOException {
        return exists() ? Files.size(real) : 0;
    }
}
