package dev.llmos.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * what the file system said during one decision: each path's {@code lstat}, whether a link leads
 * somewhere, where it points, and each owner's name, asked once. paths in one plan share most of
 * their components (/, /etc, /var/log), and a decision is one moment: the same question gets the
 * same answer throughout it. never kept across decisions (a file can change between them).
 */
public final class Lookups {

    /** what {@code lstat} said about a path: its mode with the type bits, its inode, owner and size. */
    record Attrs(int mode, long device, long inode, int uid, long size) {

        boolean symlink() {
            return (mode & 0170000) == 0120000;
        }

        boolean directory() {
            return (mode & 0170000) == 0040000;
        }

        boolean regular() {
            return (mode & 0170000) == 0100000;
        }

        FileId id() {
            return FileId.of(device, inode, mode);
        }
    }

    private final Map<String, Optional<Attrs>> lstat = new HashMap<>();
    private final Map<String, Boolean> leads = new HashMap<>();
    private final Map<String, Optional<String>> targets = new HashMap<>();
    private final Map<Integer, Optional<String>> owners = new HashMap<>();

    /** the path's own attributes (a symlink not followed), or null when nothing is there. */
    Attrs lstat(String path) {
        return lstat.computeIfAbsent(path, p -> {
            try {
                Map<String, Object> a = Files.readAttributes(Path.of(p), "unix:mode,dev,ino,uid,size", LinkOption.NOFOLLOW_LINKS);
                return Optional.of(new Attrs((Integer) a.get("mode"), (Long) a.get("dev"), (Long) a.get("ino"),
                        (Integer) a.get("uid"), (Long) a.get("size")));
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** whether following the path's links ends at something that exists. */
    boolean leadsSomewhere(String path) {
        return leads.computeIfAbsent(path, p -> Files.exists(Path.of(p)));
    }

    /** a symlink's target as written, or null when it cannot be read. */
    String target(String path) {
        return targets.computeIfAbsent(path, p -> {
            try {
                return Optional.of(Files.readSymbolicLink(Path.of(p)).toString());
            } catch (IOException | UnsupportedOperationException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }

    /** the user name of {@code uid}, looked up (through nss) once per decision, via a file it owns. */
    String owner(int uid, Path ownedFile) {
        return owners.computeIfAbsent(uid, u -> {
            try {
                return Optional.of(Files.getOwner(ownedFile).getName());
            } catch (IOException e) {
                return Optional.empty();
            }
        }).orElse(null);
    }
}
