package dev.llmos.actions.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * runs file operations with a user's file-system identity, so the kernel checks that user's
 * permissions on every open, create and rename. only the thread doing the work changes: linux keeps
 * fsuid, fsgid and the supplementary groups per thread, and glibc's setfsuid and setfsgid are
 * plain syscalls. glibc's setgroups would change every thread of the daemon, so the groups go
 * through the raw syscall. each operation gets a fresh thread that ends with it, so no other work
 * ever runs with the borrowed identity, and the daemon's own threads never lose root.
 *
 * @param uid fsuid the work runs with
 * @param gid fsgid
 * @param groups supplementary group ids
 */
public record AsUser(int uid, int gid, int[] groups) {

    /** work done with some identity; an io failure is its own business. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private interface LibC extends Library {
        int setfsuid(int uid);

        int setfsgid(int gid);

        long syscall(long number, long size, int[] list) throws LastErrorException;

        int getgrouplist(String user, int group, int[] groups, int[] ngroups);
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    /** the user's groups as the system lists them (as {@code setpriv --init-groups} would set). */
    public static AsUser of(int uid, int gid, String user) {
        int[] n = {64};
        for (int attempt = 0; attempt < 4; attempt++) {
            int[] groups = new int[n[0]];
            if (user != null && Holder.C.getgrouplist(user, gid, groups, n) >= 0) {
                return new AsUser(uid, gid, java.util.Arrays.copyOf(groups, n[0]));
            }
            if (user == null || n[0] <= groups.length) {
                break;
            }
        }
        return new AsUser(uid, gid, new int[] {gid});
    }

    /** runs {@code work} on a thread of its own that holds this identity, and waits for it. */
    public <T> T call(Work<T> work) throws IOException {
        Fs.load();
        Holder.C.getClass();
        long setgroups = setgroupsNumber();
        FutureTask<T> task = new FutureTask<>(() -> {
            switchTo(setgroups);
            return work.run();
        });
        Thread.ofPlatform().name("llmos-as-uid-" + uid).daemon(true).start(task);
        boolean interrupted = false;
        try {
            // an interrupt does not stop the work half way: its result (and what it changed) is what the caller reports
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IOException(cause);
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void switchTo(long setgroups) throws IOException {
        try {
            Holder.C.syscall(setgroups, groups.length, groups);
        } catch (LastErrorException e) {
            throw new Fs.Errno(e.getErrorCode(), "cannot take the groups of uid " + uid);
        }
        // gid first: once the fsuid is not root, the thread could no longer pick any fsgid
        Holder.C.setfsgid(gid);
        Holder.C.setfsuid(uid);
        // setfsuid reports no errors; asking with an invalid id returns the current one
        if (Holder.C.setfsuid(-1) != uid || Holder.C.setfsgid(-1) != gid) {
            throw new IOException("cannot act as uid " + uid + " gid " + gid + ": the kernel kept another identity");
        }
    }

    private static long setgroupsNumber() throws IOException {
        return switch (System.getProperty("os.arch")) {
            case "amd64", "x86_64" -> 116;
            case "aarch64" -> 159;
            default -> throw new IOException("acting as another user is not supported on " + System.getProperty("os.arch"));
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AsUser a && a.uid == uid && a.gid == gid && java.util.Arrays.equals(a.groups, groups);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * uid + gid) + java.util.Arrays.hashCode(groups);
    }

    @Override
    public String toString() {
        return "AsUser[uid=" + uid + ", gid=" + gid + ", groups=" + java.util.Arrays.toString(groups) + "]";
    }
}
