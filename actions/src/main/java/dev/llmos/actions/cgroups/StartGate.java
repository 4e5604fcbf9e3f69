package dev.llmos.actions.cgroups;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.nio.file.Path;

/**
 * an exclusive flock(2) lock the jvm holds while a confined command starts: the command is started
 * as {@code flock -F LOCK program ...}, so it waits on the lock until the jvm has put its pid into
 * the cgroup, and only then execs the program. java's own locks are fcntl locks, which flock(2)
 * does not see, hence libc.
 */
final class StartGate implements AutoCloseable {

    private static final int O_RDWR = 02;
    private static final int O_CREAT = 0100;
    private static final int O_CLOEXEC = 02000000;
    private static final int LOCK_EX = 2;

    private interface LibC extends Library {
        int open(String path, int flags, int mode) throws LastErrorException;

        int flock(int fd, int operation) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private final Path file;
    private int fd;

    private StartGate(Path file, int fd) {
        this.file = file;
        this.fd = fd;
    }

    /** creates the lock file and takes the lock; close-on-exec, so no child inherits it. */
    static StartGate closed(Path file) throws IOException {
        try {
            int fd = Holder.C.open(file.toString(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
            try {
                Holder.C.flock(fd, LOCK_EX);
            } catch (LastErrorException e) {
                Holder.C.close(fd);
                throw e;
            }
            return new StartGate(file, fd);
        } catch (LastErrorException e) {
            throw new IOException("cannot lock " + file + ": errno " + e.getErrorCode(), e);
        }
    }

    Path file() {
        return file;
    }

    /** lets the waiting command go on; closing the descriptor drops the lock. */
    void open() {
        if (fd >= 0) {
            try {
                Holder.C.close(fd);
            } catch (LastErrorException e) {
                // close fails only for a bad descriptor; the lock is gone either way
            }
            fd = -1;
        }
    }

    @Override
    public void close() {
        open();
    }
}
