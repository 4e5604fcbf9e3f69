package dev.llmos.engine.policy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** the filesystem holding {@code path} must have at least {@code minBytes} available. */
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
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
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
