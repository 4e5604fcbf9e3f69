package dev.llmos.actions.process;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/** kill, getpriority and setpriority from libc: the jdk can neither send a chosen signal nor renice. */
final class ProcessCalls {

    private static final int PRIO_PROCESS = 0;

    private interface LibC extends Library {
        int kill(int pid, int sig) throws LastErrorException;

        // jna clears errno before a call that declares LastErrorException, so a nice of -1 is not an error
        int getpriority(int which, int who) throws LastErrorException;

        int setpriority(int which, int who, int prio) throws LastErrorException;
    }

    private static final class Holder {
        static final LibC C = Native.load("c", LibC.class);
    }

    private ProcessCalls() {
    }

    static void kill(int pid, int signal) {
        Holder.C.kill(guard(pid), signal);
    }

    static int nice(int pid) {
        return Holder.C.getpriority(PRIO_PROCESS, guard(pid));
    }

    static void renice(int pid, int nice) {
        Holder.C.setpriority(PRIO_PROCESS, guard(pid), nice);
    }

    // 0 and negative pids mean "me", "my group" or "everyone": never meant here
    private static int guard(int pid) {
        if (pid <= 1) {
            throw new IllegalArgumentException("not a single process other than init: " + pid);
        }
        return pid;
    }

    /** errno as text for an outcome line. */
    static String describe(LastErrorException e) {
        return switch (e.getErrorCode()) {
            case 1 -> "operation not permitted";
            case 3 -> "no such process";
            case 13 -> "permission denied";
            default -> "errno " + e.getErrorCode();
        };
    }
}
