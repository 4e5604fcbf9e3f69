package dev.llmos.actions.process;

import java.util.List;
import java.util.Map;

/** the signals a plan may send, by name; linux numbers on x86_64 and arm64 alike. */
final class Signals {

    static final List<String> NAMES = List.of("TERM", "KILL", "HUP", "INT", "STOP", "CONT", "USR1", "USR2");

    private static final Map<String, Integer> NUMBERS = Map.of("HUP", 1, "INT", 2, "KILL", 9, "USR1", 10,
            "USR2", 12, "TERM", 15, "CONT", 18, "STOP", 19);

    private Signals() {
    }

    static Integer number(String name) {
        return name == null ? null : NUMBERS.get(name);
    }
}
