package dev.llmos.actions.process;

/**
 * a {@code process_control} action's own fields, as in the plan: one target (pid or name) and one
 * operation (signal or nice).
 *
 * @param pid the process to act on
 * @param name every process whose comm is exactly this (as in /proc/PID/comm, at most 15 bytes)
 * @param signal TERM, KILL, HUP, INT, STOP, CONT, USR1 or USR2
 * @param nice the new nice value, -20 (most favoured) to 19
 */
public record ProcessControlParams(Integer pid, String name, String signal, Integer nice) {

    /** why the params cannot run, or null. the schema cannot say "exactly one of". */
    String invalid() {
        if ((pid == null) == (name == null)) {
            return "process_control needs exactly one of pid and name";
        }
        if ((signal == null) == (nice == null)) {
            return "process_control needs exactly one of signal and nice";
        }
        if (signal != null && Signals.number(signal) == null) {
            return "unknown signal " + signal + "; one of " + String.join(", ", Signals.NAMES);
        }
        if (nice != null && (nice < -20 || nice > 19)) {
            return "nice must be between -20 and 19, got " + nice;
        }
        return null;
    }

    String target() {
        return pid != null ? "pid " + pid : "processes named " + name;
    }
}
