package dev.llmos.actions.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * env(1)'s arguments read once: the variables it sets, where the command it runs starts, the
 * directory -C names, and a -S string (which is a script of its own). what it runs is decided by
 * {@link Unwrap}; what it sets, by the facts ({@link Exec#envHooks()}).
 *
 * @param assigned names of the NAME=VALUE words, in order
 * @param commandAt index of the command's first word (args.size() when there is none)
 * @param cwd the -C / --chdir directory, or null
 * @param split the -S / --split-string text, or null
 */
record EnvArgs(List<String> assigned, int commandAt, String cwd, String split) {

    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*", Pattern.DOTALL);

    static EnvArgs of(List<String> args) {
        List<String> assigned = new ArrayList<>();
        String cwd = null;
        int i = 0;
        while (i < args.size()) {
            String a = args.get(i);
            if (a.equals("-S") || a.equals("--split-string") || a.startsWith("--split-string=") || (a.startsWith("-S") && a.length() > 2)) {
                String rest = a.startsWith("--split-string=") ? a.substring(15) : a.length() > 2 && a.startsWith("-S") ? a.substring(2)
                        : i + 1 < args.size() ? args.get(++i) : "";
                return new EnvArgs(assigned, args.size(), cwd, rest);
            }
            if (a.equals("-u") || a.equals("--unset") || a.equals("-C") || a.equals("--chdir")) {
                if (a.equals("-C") || a.equals("--chdir")) {
                    cwd = i + 1 < args.size() ? args.get(i + 1) : null;
                }
                i += 2;
            } else if (a.startsWith("-") && !a.equals("-")) {
                i++;
            } else if (a.equals("-")) {
                i++;
            } else if (ASSIGNMENT.matcher(a).matches()) {
                assigned.add(a.substring(0, a.indexOf('=')));
                i++;
            } else {
                break;
            }
        }
        return new EnvArgs(assigned, Math.min(i, args.size()), cwd, null);
    }
}
