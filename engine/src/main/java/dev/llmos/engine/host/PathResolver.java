package dev.llmos.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/** resolves plan paths before policy sees them, so a symlink cannot smuggle a write past a rule. */
public final class PathResolver {

    private final Path cwd;

    public PathResolver(Path cwd) {
        this.cwd = cwd.toAbsolutePath().normalize();
    }

    public PathFacts resolve(String raw) {
        Path given = cwd.resolve(raw).normalize();
        Path real = realPath(given);
        boolean exists = Files.exists(real, LinkOption.NOFOLLOW_LINKS);
        boolean symlink = !real.equals(given);
        String owner = null;
        long size = -1;
        boolean directory = false;
        if (exists) {
            directory = Files.isDirectory(real);
            try {
                owner = Files.getOwner(real).getName();
                if (Files.isRegularFile(real)) {
                    size = Files.size(real);
                }
            } catch (IOException e) {
                owner = null;
            }
        }
        Path parent = real.getParent();
        return new PathFacts(raw, real.toString(), topDir(real), exists, directory, symlink, owner, size,
                exists ? FileId.of(real) : null, parent == null ? null : FileId.of(parent));
    }

    /** follows symlinks of the longest existing prefix, then appends what does not exist yet. */
    static Path realPath(Path absolute) {
        Path existing = absolute;
        Path rest = null;
        while (existing != null && !Files.exists(existing)) {
            Path name = existing.getFileName();
            rest = rest == null ? name : name.resolve(rest);
            existing = existing.getParent();
        }
        if (existing == null) {
            return absolute;
        }
        try {
            Path real = existing.toRealPath();
            return rest == null ? real : real.resolve(rest).normalize();
        } catch (IOException e) {
            return absolute;
        }
    }

    static String topDir(Path real) {
        if (real.getNameCount() == 0) {
            return "/";
        }
        return "/" + real.getName(0);
    }
}
