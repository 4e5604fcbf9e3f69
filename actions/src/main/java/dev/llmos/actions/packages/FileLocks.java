package dev.llmos.actions.packages;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Structure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * asks the kernel who holds a posix record lock (fcntl) on a file, without taking it. dpkg, apt
 * and rpm lock with fcntl; asking with F_GETLK means the check itself can never make a real apt
 * run fail with "could not get lock", as a try-lock would while it held the lock for a moment.
 */
final class FileLocks {

    private static final int O_RDONLY = 0;
    private static final int O_CLOEXEC = 0x80000;
    private static final int F_GETLK = 5;
    private static final short F_WRLCK = 1;
    private static final short F_UNLCK = 2;
    private static final int ENOENT = 2;

    /** struct flock on 64-bit linux: short, short, off_t, off_t, pid_t (jna adds the padding). */
    @Structure.FieldOrder({"l_type", "l_whence", "l_start", "l_len", "l_pid"})
    public static final class Flock extends Structure {
        public short l_type;
        public short l_whence;
        public long l_start;
        public long l_len;
        public int l_pid;
    }

    private interface LibC extends Library {
        int open(String path, int flags) throws LastErrorException;

        int fcntl(int fd, int cmd, Flock lock) throws LastErrorException;

        int close(int fd);
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    /** who holds a lock on a file: {@code pid} 0 when nobody, -1 when the holder is an open file description lock. */
    record Holding(boolean held, int pid, String command) {
        static final Holding FREE = new Holding(false, 0, null);
    }

    private FileLocks() {
    }

    /** whether any process holds a lock on {@code path} that a write lock would conflict with. */
    static Holding holder(Path path) throws IOException {
        if (Native.LONG_SIZE != 8) {
            throw new IOException("lock checks need a 64-bit platform");
        }
        if (!Files.exists(path)) {
            return Holding.FREE;
        }
        int fd;
        try {
            fd = Holder.C.open(path.toString(), O_RDONLY | O_CLOEXEC);
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ENOENT) {
                return Holding.FREE;
            }
            throw new IOException("cannot open " + path + ": errno " + e.getErrorCode());
        }
        try {
            Flock lock = new Flock();
            lock.l_type = F_WRLCK;
            lock.l_whence = 0;
            lock.l_start = 0;
            lock.l_len = 0;
            Holder.C.fcntl(fd, F_GETLK, lock);
            lock.read();
            if (lock.l_type == F_UNLCK) {
                return Holding.FREE;
            }
            return new Holding(true, lock.l_pid, lock.l_pid > 0 ? command(lock.l_pid) : null);
        } catch (LastErrorException e) {
            throw new IOException("cannot query the lock on " + path + ": errno " + e.getErrorCode());
        } finally {
            Holder.C.close(fd);
        }
    }

    private static String command(int pid) {
        try {
            return Files.readString(Path.of("/proc", Integer.toString(pid), "comm")).strip();
        } catch (IOException e) {
            return null;
        }
    }
}
