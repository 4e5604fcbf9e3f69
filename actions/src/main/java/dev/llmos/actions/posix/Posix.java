package dev.llmos.actions.posix;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** the few libc calls the jdk lacks: signalling a whole process group and the effective uid. */
public final class Posix {

    public static final int SIGKILL = 9;
    public static final int SIGTERM = 15;
    private static final int ESRCH = 3;

    private interface LibC extends Library {
        int kill(int pid, int sig) throws LastErrorException;

        int geteuid();
    }

    // loaded on first use, so classes that never signal anything do not pay for jna
    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private Posix() {
    }

    /**
     * sends {@code signal} to every process in group {@code pgid}.
     *
     * @return false when the group no longer exists
     */
    public static boolean killGroup(long pgid, int signal) {
        if (pgid <= 1 || pgid > Integer.MAX_VALUE) {
            // kill(-1) and kill(0) would hit far more than one group
            throw new IllegalArgumentException("not a process group id: " + pgid);
        }
        try {
            Holder.C.kill((int) -pgid, signal);
            return true;
        } catch (LastErrorException e) {
            if (e.getErrorCode() == ESRCH) {
                return false;
            }
            throw e;
        }
    }

    public static int effectiveUid() {
        return Holder.C.geteuid();
    }
}
