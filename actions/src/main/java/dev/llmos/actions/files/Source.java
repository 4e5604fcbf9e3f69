package dev.llmos.actions.files;

import dev.llmos.actions.posix.Fs;
import dev.llmos.engine.host.FileId;

import java.io.IOException;

/** an existing file opened for reading through its bound directory, checked to be the decided regular file. */
final class Source implements AutoCloseable {

    static final Source NONE = new Source(-1, null);

    final int fd;
    final Fs.Stat stat;

    private Source(int fd, Fs.Stat stat) {
        this.fd = fd;
        this.stat = stat;
    }

    /**
     * opens {@code name} without following it and without blocking on a fifo swapped in.
     *
     * @param expected the inode that was decided on, or null when none was recorded
     */
    static Source open(BoundDir dir, String name, FileId expected, String who) throws IOException {
        int fd;
        try {
            fd = Fs.openAt(dir.fd(), name, Fs.O_RDONLY | Fs.O_NONBLOCK, 0);
        } catch (Fs.Errno e) {
            if (e.code() == Fs.EACCES || e.code() == Fs.EPERM) {
                throw new FileTarget.Refused("permission denied: " + who + " may not read " + dir.dir().resolve(name));
            }
            if (e.code() == Fs.ELOOP) {
                throw new FileTarget.Refused("refusing to touch " + dir.dir().resolve(name) + ": it is now a symlink to "
                        + Fs.readlinkAt(dir.fd(), name) + "; nothing changed");
            }
            throw e;
        }
        try {
            Fs.Stat st = Fs.stat(fd);
            if (!st.regular()) {
                throw new FileTarget.Refused("refusing to touch " + dir.dir().resolve(name) + ": it is not a regular file any more");
            }
            if (expected != null && !expected.equals(st.id())) {
                throw new FileTarget.Refused("refusing to touch " + dir.dir().resolve(name) + ": it is not the file that was there"
                        + " at decision time (" + expected + " then, " + st.id() + " now); nothing changed");
            }
            return new Source(fd, st);
        } catch (IOException | RuntimeException e) {
            Fs.close(fd);
            throw e;
        }
    }

    /** the start of a file (up to {@code max} bytes and one more), and its size. */
    record Head(byte[] bytes, long size) {
    }

    /** reads the decided file with the acting identity's permissions. */
    static Head read(FileTarget target, Acting acting, int max) throws IOException {
        String name = target.real().getFileName().toString();
        return acting.call(() -> {
            try (BoundDir dir = BoundDir.open(target.real(), target.decided().parentId(), "at decision time", acting.who());
                 Source file = open(dir, name, target.decided().id(), acting.who())) {
                return new Head(Copy.head(file.fd, max), file.stat.size());
            }
        });
    }

    @Override
    public void close() {
        Fs.close(fd);
    }
}
