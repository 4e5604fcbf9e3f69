package dev.llmos.actions.exec;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** argv shown as a person would type it; for display only, never executed. */
final class Quoting {

    private static final Pattern PLAIN = Pattern.compile("^[A-Za-z0-9_@%+=:,./-]+$");

    private Quoting() {
    }

    static String join(List<String> argv) {
        return argv.stream().map(Quoting::quote).collect(Collectors.joining(" "));
    }

    static String quote(String arg) {
        if (arg != null && PLAIN.matcher(arg).matches()) {
            return arg;
        }
        return "'" + String.valueOf(arg).replace("'", "'\\''") + "'";
    }
}
