package dev.llmos.actions.exec;

import dev.llmos.engine.host.Requester;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * empty files standing in for granted paths that do not exist yet (the file {@code touch},
 * {@code cp} or a redirection is about to create): a bind mount needs something to bind, and
 * binding the parent directory would let the program write its siblings too. each is created
 * only where the program's user could create it (checked on the parent's mode bits, owner and
 * group), never under a protected path or a masked secret, and removed after the run when the
 * program left it untouched (same inode, empty, same mtime).
 */
final class Placeholders implements AutoCloseable {

    private record Made(Path path, Object fileKey, FileTime mtime) {
    }

    private final List<Made> made = new ArrayList<>();

    /**
     * @param runAs the program's user, or null when it keeps root
     * @param offLimits protected roots and masked secrets: nothing is created under them
     */
    static Placeholders create(List<String> writable, Requester runAs, List<Path> offLimits) {
        Placeholders p = new Placeholders();
        for (String w : writable) {
            Path path = Path.of(w);
            if (!path.isAbsolute() || Files.exists(path, LinkOption.NOFOLLOW_LINKS) || path.getParent() == null) {
                continue;
            }
            try {
                Path parent = path.getParent().toRealPath();
                Path target = parent.resolve(path.getFileName());
                if (offLimits.stream().anyMatch(target::startsWith) || !mayCreateIn(parent, runAs)) {
                    continue;
                }
                Files.createFile(target, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
                if (runAs != null) {
                    Files.setAttribute(target, "unix:uid", runAs.uid(), LinkOption.NOFOLLOW_LINKS);
                    Files.setAttribute(target, "unix:gid", runAs.gid(), LinkOption.NOFOLLOW_LINKS);
                }
                Map<String, Object> a = Files.readAttributes(target, "unix:ino,dev,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
                p.made.add(new Made(target, a.get("dev") + ":" + a.get("ino"), (FileTime) a.get("lastModifiedTime")));
            } catch (FileAlreadyExistsException e) {
                // appeared meanwhile: bound as it is, like any existing path
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                // no parent, or not ours to create: the path stays unbound and the data says so
            }
        }
        return p;
    }

    /** whether {@code runAs} (null: root) may create entries in {@code dir}, by its mode bits. */
    static boolean mayCreateIn(Path dir, Requester runAs) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        if (runAs == null) {
            return true;
        }
        Map<String, Object> a = Files.readAttributes(dir, "unix:uid,gid,mode,group", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        int wx;
        if ((Integer) a.get("uid") == runAs.uid()) {
            wx = (mode >> 6) & 3;
        } else if ((Integer) a.get("gid") == runAs.gid() || runAs.groups().contains(((GroupPrincipal) a.get("group")).getName())) {
            wx = (mode >> 3) & 3;
        } else {
            wx = mode & 3;
        }
        return wx == 3;
    }

    /** removes the placeholders the program did not touch. */
    @Override
    public void close() {
        for (Made m : made) {
            try {
                Map<String, Object> a = Files.readAttributes(m.path(), "unix:ino,dev,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
                if ((a.get("dev") + ":" + a.get("ino")).equals(m.fileKey()) && (Long) a.get("size") == 0
                        && m.mtime().equals(a.get("lastModifiedTime"))) {
                    Files.delete(m.path());
                }
            } catch (IOException e) {
                // gone or replaced: not ours any more
            }
        }
    }
}
