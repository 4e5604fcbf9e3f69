package dev.llmos.actions.files;

import dev.llmos.actions.posix.Fs;
import dev.llmos.engine.host.FileId;
import dev.llmos.engine.host.PathChange;

import java.io.IOException;
import java.nio.file.Path;

/**
 * the directory a file action works in, opened as a descriptor from / without following any
 * symlink on the way and checked to be the very directory that was decided on (device and
 * inode). every later step (open, create, rename, delete) goes through this descriptor, one name
 * deep, so a directory or link swapped in since cannot redirect it.
 */
final class BoundDir implements AutoCloseable {

    private final Path dir;
    private final int fd;
    private final String when;

    private BoundDir(Path dir, int fd, String when) {
        this.dir = dir;
        this.fd = fd;
        this.when = when;
    }

    /**
     * @param target the decided real path of the file; its parent is opened
     * @param expected the parent's identity when decided, or null when none was recorded
     * @param when "at decision time" or "when the action ran", for messages
     */
    static BoundDir open(Path target, FileId expected, String when, String who) throws IOException {
        Path dir = target.getParent();
        if (dir == null) {
            throw new FileTarget.Refused("refusing to touch " + target + ": it is the root directory");
        }
        int root = Fs.openRoot();
        int fd;
        try {
            String relative = dir.getNameCount() == 0 ? "." : dir.toString().substring(1);
            fd = Fs.openBeneath(root, relative, Fs.O_PATH | Fs.O_DIRECTORY, 0);
        } catch (Fs.Errno e) {
            throw refusal(target, dir, e, when, who);
        } finally {
            Fs.close(root);
        }
        BoundDir bound = new BoundDir(dir, fd, when);
        try {
            Fs.Stat now = Fs.stat(fd);
            FileId id = now.id();
            if (expected != null && !expected.equals(id)) {
                throw new FileTarget.Refused(dir + " is not the directory that was there " + when + " (" + expected
                        + " then, " + id + " now); nothing changed");
            }
            return bound;
        } catch (IOException | RuntimeException e) {
            bound.close();
            throw e;
        }
    }

    private static FileTarget.Refused refusal(Path target, Path dir, Fs.Errno e, String when, String who) {
        if (e.code() == Fs.EACCES) {
            return new FileTarget.Refused("permission denied: " + who + " may not reach " + dir);
        }
        String change = PathChange.onTheWay(target.toString());
        if (change == null && (e.code() == Fs.ELOOP || e.code() == Fs.EXDEV || e.code() == Fs.ENOENT || e.code() == Fs.ENOTDIR)) {
            change = PathChange.describe(dir, "a directory");
        }
        if (change != null) {
            return new FileTarget.Refused("refusing to touch " + target + ": " + change.replace(" at decision time", " " + when)
                    + "; nothing changed");
        }
        return new FileTarget.Refused("cannot open the directory of " + target + ": " + e.getMessage());
    }

    int fd() {
        return fd;
    }

    Path dir() {
        return dir;
    }

    /**
     * checks the entry {@code name} is what was decided: still missing, or the same regular file
     * (by inode when one was recorded). returns what is there now, null when missing.
     */
    Fs.Stat expect(String name, boolean existed, FileId expected) throws IOException {
        Fs.Stat now = Fs.statAt(fd, name);
        Path path = dir.resolve(name);
        String then = existed ? "a regular file" : "missing";
        if (now != null && now.symlink()) {
            throw new FileTarget.Refused("refusing to touch " + path + ": it was " + then + " " + when + ", now a symlink to "
                    + Fs.readlinkAt(fd, name) + "; nothing changed");
        }
        if (existed != (now != null)) {
            throw new FileTarget.Refused("refusing to touch " + path + ": it was " + then + " " + when + ", now "
                    + (now == null ? "missing" : PathChange.kind(path)) + "; nothing changed");
        }
        if (now != null && expected != null && !expected.equals(now.id())) {
            throw new FileTarget.Refused("refusing to touch " + path + ": it is not the file that was there " + when + " ("
                    + expected + " then, " + now.id() + " now); nothing changed");
        }
        return now;
    }

    /** fsyncs the directory so a rename or delete survives a crash; best effort, as before. */
    void sync() {
        int rd = -1;
        try {
            rd = Fs.openAt(fd, ".", Fs.O_RDONLY | Fs.O_DIRECTORY, 0);
            Fs.fsync(rd);
        } catch (Fs.Errno e) {
            // some filesystems refuse fsync on a directory, and a requester may search but not read it
        } finally {
            Fs.close(rd);
        }
    }

    @Override
    public void close() {
        Fs.close(fd);
    }
}
