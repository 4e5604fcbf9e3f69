package dev.llmos.actions.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.io.IOException;

/**
 * file syscalls on descriptors, so a file action acts on the inode it checked and not on whatever
 * a path names a moment later: {@code openat2} with no symlinks below a directory descriptor,
 * {@code statx} for identity, {@code renameat2} and {@code unlinkat} inside one directory.
 * errors come back as {@link Errno} with the errno and what was being done.
 */
public final class Fs {

    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_CREAT = 0100;
    public static final int O_EXCL = 0200;
    public static final int O_NONBLOCK = 04000;
    public static final int O_DIRECTORY = 0200000;
    public static final int O_NOFOLLOW = 0400000;
    public static final int O_CLOEXEC = 02000000;
    public static final int O_PATH = 010000000;

    public static final int ENOENT = 2;
    public static final int EACCES = 13;
    public static final int EEXIST = 17;
    public static final int ENOTDIR = 20;
    public static final int EPERM = 1;
    public static final int ELOOP = 40;
    public static final int EXDEV = 18;
    public static final int ENOSYS = 38;

    static final long RESOLVE_NO_MAGICLINKS = 0x02;
    static final long RESOLVE_NO_SYMLINKS = 0x04;
    static final long RESOLVE_BENEATH = 0x08;
    private static final long SYS_OPENAT2 = 437;
    private static final int AT_FDCWD = -100;
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int STATX_BASIC = 0x7ff;
    private static final int RENAME_NOREPLACE = 1;

    /** a failed syscall: its errno, and what it was doing in words. */
    public static final class Errno extends IOException {
        private final int code;

        Errno(int code, String what) {
            super(what + ": " + describe(code));
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    /** what {@code statx} says about an inode. */
    public record Stat(long device, long inode, int mode, int uid, int gid, long size) {
        public int type() {
            return mode & 0170000;
        }

        public boolean regular() {
            return type() == 0100000;
        }

        public boolean directory() {
            return type() == 0040000;
        }

        public boolean symlink() {
            return type() == 0120000;
        }

        public dev.llmos.engine.host.FileId id() {
            return dev.llmos.engine.host.FileId.of(device, inode, mode);
        }
    }

    private interface LibC extends Library {
        long syscall(long number, int dirfd, String path, Pointer how, long size) throws LastErrorException;

        int openat(int dirfd, String path, int flags, int mode) throws LastErrorException;

        int statx(int dirfd, String path, int flags, int mask, Pointer buf) throws LastErrorException;

        int renameat2(int olddirfd, String oldpath, int newdirfd, String newpath, int flags) throws LastErrorException;

        int unlinkat(int dirfd, String path, int flags) throws LastErrorException;

        long readlinkat(int dirfd, String path, byte[] buf, long size) throws LastErrorException;

        long read(int fd, byte[] buf, long count) throws LastErrorException;

        long pread(int fd, byte[] buf, long count, long offset) throws LastErrorException;

        long write(int fd, byte[] buf, long count) throws LastErrorException;

        int fsync(int fd) throws LastErrorException;

        int fchmod(int fd, int mode) throws LastErrorException;

        int fchown(int fd, int uid, int gid) throws LastErrorException;

        int close(int fd) throws LastErrorException;

        String strerror(int errnum);
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private Fs() {
    }

    /** loads the library now, before a thread gives up its privileges (loading reads files). */
    public static void load() {
        Holder.C.getClass();
    }

    /**
     * opens {@code relative} below {@code dirfd} following no symlink at all, not even in
     * directories on the way, and never leaving {@code dirfd}'s tree.
     */
    public static int openBeneath(int dirfd, String relative, int flags, int mode) throws Errno {
        Memory how = new Memory(24);
        how.setLong(0, flags | O_CLOEXEC);
        how.setLong(8, (flags & O_CREAT) != 0 ? mode : 0);
        how.setLong(16, RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS | RESOLVE_BENEATH);
        try {
            return (int) Holder.C.syscall(SYS_OPENAT2, dirfd, relative, how, 24);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot open " + relative);
        }
    }

    /** the root directory, as the start of every resolution. */
    public static int openRoot() throws Errno {
        try {
            return Holder.C.openat(AT_FDCWD, "/", O_PATH | O_DIRECTORY | O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot open /");
        }
    }

    /** opens a path of the daemon's own (its state directory), not following a final symlink. */
    public static int open(String absolute, int flags) throws Errno {
        try {
            return Holder.C.openat(AT_FDCWD, absolute, flags | O_NOFOLLOW | O_CLOEXEC, 0);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot open " + absolute);
        }
    }

    /** opens one name inside {@code dirfd}, never following it if it is a symlink. */
    public static int openAt(int dirfd, String name, int flags, int mode) throws Errno {
        try {
            return Holder.C.openat(dirfd, name, flags | O_NOFOLLOW | O_CLOEXEC, mode);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot open " + name);
        }
    }

    public static Stat stat(int fd) throws Errno {
        return statx(fd, "", AT_EMPTY_PATH, "the opened file");
    }

    /** the entry {@code name} in {@code dirfd} itself (a symlink is not followed); null when missing. */
    public static Stat statAt(int dirfd, String name) throws Errno {
        try {
            return statx(dirfd, name, AT_SYMLINK_NOFOLLOW, name);
        } catch (Errno e) {
            if (e.code() == ENOENT) {
                return null;
            }
            throw e;
        }
    }

    private static Stat statx(int dirfd, String path, int flags, String what) throws Errno {
        Memory buf = new Memory(256);
        try {
            Holder.C.statx(dirfd, path, flags, STATX_BASIC, buf);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot stat " + what);
        }
        long device = makedev(buf.getInt(136), buf.getInt(140));
        return new Stat(device, buf.getLong(32), buf.getShort(28) & 0xffff, buf.getInt(20), buf.getInt(24), buf.getLong(40));
    }

    /** the device number as glibc encodes it (and the jdk reports as "unix:dev"). */
    static long makedev(int major, int minor) {
        long ma = major & 0xffffffffL;
        long mi = minor & 0xffffffffL;
        return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
    }

    /** where a symlink points, or null when {@code name} is not one. */
    public static String readlinkAt(int dirfd, String name) {
        byte[] buf = new byte[4096];
        try {
            long n = Holder.C.readlinkat(dirfd, name, buf, buf.length);
            return new String(buf, 0, (int) n, java.nio.charset.StandardCharsets.UTF_8);
        } catch (LastErrorException e) {
            return null;
        }
    }

    /** renames within directories given by descriptor; {@code noReplace} fails if {@code to} exists. */
    public static void renameAt(int fromDir, String from, int toDir, String to, boolean noReplace) throws Errno {
        try {
            Holder.C.renameat2(fromDir, from, toDir, to, noReplace ? RENAME_NOREPLACE : 0);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot rename " + from + " to " + to);
        }
    }

    public static void unlinkAt(int dirfd, String name) throws Errno {
        try {
            Holder.C.unlinkat(dirfd, name, 0);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot delete " + name);
        }
    }

    /** reads up to {@code count} bytes at {@code offset}; 0 at the end. */
    public static int pread(int fd, byte[] buf, int count, long offset) throws Errno {
        try {
            return (int) Holder.C.pread(fd, buf, count, offset);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot read");
        }
    }

    public static void writeFully(int fd, byte[] buf, int count) throws Errno {
        byte[] rest = buf;
        int left = count;
        while (left > 0) {
            long n;
            try {
                n = Holder.C.write(fd, rest, left);
            } catch (LastErrorException e) {
                throw new Errno(e.getErrorCode(), "cannot write");
            }
            left -= (int) n;
            if (left > 0) {
                rest = java.util.Arrays.copyOfRange(rest, (int) n, (int) n + left);
            }
        }
    }

    public static void fsync(int fd) throws Errno {
        try {
            Holder.C.fsync(fd);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot fsync");
        }
    }

    public static void fchmod(int fd, int mode) throws Errno {
        try {
            Holder.C.fchmod(fd, mode);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot set mode " + String.format("%04o", mode));
        }
    }

    public static void fchown(int fd, int uid, int gid) throws Errno {
        try {
            Holder.C.fchown(fd, uid, gid);
        } catch (LastErrorException e) {
            throw new Errno(e.getErrorCode(), "cannot give the file to " + uid + ":" + gid);
        }
    }

    /** closes quietly: a close error on a read-only or already-synced descriptor changes nothing. */
    public static void close(int fd) {
        if (fd >= 0) {
            try {
                Holder.C.close(fd);
            } catch (LastErrorException ignored) {
                // nothing to do: the descriptor is gone either way
            }
        }
    }

    static String describe(int code) {
        String text = Holder.C.strerror(code);
        return (text == null ? "errno " + code : text.toLowerCase(java.util.Locale.ROOT)) + " (errno " + code + ")";
    }
}
