package dev.llmos.actions.files;

import dev.llmos.engine.host.PathResolver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * a plan path resolved the way policy saw it (absolute, normalised, symlinks followed), with what
 * is there now. handlers act on {@link #real} only.
 */
record FileTarget(String path, Path real, FileKind kind) {

    private static final PathResolver RESOLVER = new PathResolver(Path.of("/"));

    /** a path the handler refuses to touch, with the reason in plain words. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
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
            Path real = Path.of(RESOLVER.resolve(path).realPath());
            return new FileTarget(path, real, FileKind.of(real));
        } catch (InvalidPathException e) {
            throw new Refused("invalid path " + path + ": " + e.getReason());
        } catch (IOException e) {
            throw new Refused("cannot inspect " + path + ": " + e.getMessage());
        }
    }

    /** a target that may be (re)written: a regular file or nothing, in an existing directory. */
    FileTarget writable() throws Refused {
        switch (kind) {
            case REGULAR, MISSING -> {
            }
            // the resolver follows every link that leads somewhere, so a link left here dangles
            case SYMLINK -> throw new Refused("refusing to write " + real + ": it is a dangling symlink");
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
