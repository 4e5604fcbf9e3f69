package dev.llmos.actions.exec;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** which arguments of a command name paths, for policy facts and for the protected-path check. */
final class PathArgs {

    private static final Pattern OPTION_VALUE = Pattern.compile("^-{1,2}[A-Za-z0-9][A-Za-z0-9_-]*=(.*)$", Pattern.DOTALL);
    private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*", Pattern.DOTALL);
    // an absolute path anywhere inside an argument: after a start, a space, '=', '>' and the like
    private static final Pattern EMBEDDED = Pattern.compile("(?:^|[\\s=:>'\"(,;|&<])(/[^\\s'\"();|&<>,]*)");

    private PathArgs() {
    }

    /**
     * the path each argument after argv[0] names, when it contains '/': "--out=/x" names /x,
     * "file:///x" names /x, other urls name none. relative ones are taken against {@code cwd}
     * when it is given.
     */
    static List<String> named(List<String> argv, String cwd) {
        List<String> out = new ArrayList<>();
        for (String arg : argv.subList(Math.min(1, argv.size()), argv.size())) {
            String path = pathOf(arg);
            if (path != null) {
                out.add(absolute(path, cwd));
            }
        }
        return out;
    }

    /**
     * every path a command might write, generously: the named paths, every absolute path
     * embedded in any argument ("sh -c 'echo x > /etc/y'"), and the working directory. a false
     * positive only makes the engine refuse a command that mentions a protected path.
     */
    static List<String> written(List<String> argv, String cwd) {
        Set<String> out = new LinkedHashSet<>(named(argv, cwd));
        for (String arg : argv.subList(Math.min(1, argv.size()), argv.size())) {
            Matcher m = EMBEDDED.matcher(arg);
            while (m.find()) {
                out.add(m.group(1));
            }
        }
        if (cwd != null) {
            out.add(cwd);
        }
        out.removeIf(p -> p.indexOf('\0') >= 0);
        return List.copyOf(out);
    }

    private static String pathOf(String arg) {
        if (arg == null || arg.indexOf('/') < 0) {
            return null;
        }
        if (URL.matcher(arg).matches()) {
            return arg.startsWith("file://") && arg.length() > 7 ? arg.substring(7) : null;
        }
        Matcher option = OPTION_VALUE.matcher(arg);
        if (option.matches()) {
            return option.group(1).indexOf('/') >= 0 ? option.group(1) : null;
        }
        return arg;
    }

    private static String absolute(String path, String cwd) {
        if (path.startsWith("/") || cwd == null) {
            return path;
        }
        return cwd.endsWith("/") ? cwd + path : cwd + "/" + path;
    }
}
