package dev.llmos.engine.policy;

import java.io.IOException;
import dev.llmos.engine.host.PathChange;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * the filesystem holding {@code path} must have at least {@code minBytes} available. the path is
 * taken as named, following no symlink, so a link swapped in cannot make it measure another disk.
 */
public record DiskFree(String path, long minBytes) implements Precondition {

    @Override
    public String kind() {
        return "disk_free";
    }

    @Override
    public String describe() {
        return "disk_free " + path + " >= " + human(minBytes);
    }

    @Override
    public Check check() {
        Path p = Path.of(path);
        while (p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            p = p.getParent();
        }
        String link = p == null ? null : PathChange.firstSymlink(p);
        if (link != null) {
            return new Check(false, link + "; preconditions follow no symlinks");
        }
        if (p == null) {
            return new Check(false, "no existing ancestor of " + path);
        }
        try {
            long free = Files.getFileStore(p).getUsableSpace();
            boolean ok = free >= minBytes;
            return new Check(ok, human(free) + " free on the filesystem of " + path + (ok ? "" : ", need " + human(minBytes)));
        } catch (IOException e) {
            return new Check(false, "cannot read free space of " + path + ": " + e.getMessage());
        }
    }

    static String human(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
