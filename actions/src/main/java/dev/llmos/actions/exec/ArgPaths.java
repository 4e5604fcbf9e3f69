package dev.llmos.actions.exec;

import dev.llmos.actions.exec.shell.Script;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * which files one argument can name, as written (resolution against cwd and symlinks comes after):
 * a bare word names itself, "--opt=V" and "key=V" name V, "-fV" names V, "@f" names f,
 * "file:///x" names /x; other urls name none. a shell glob or expansion names the literal
 * directory it starts in.
 */
final class ArgPaths {

    private static final Pattern URL = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*)://(.*)$", Pattern.DOTALL);
    private static final Pattern LONG_VALUE = Pattern.compile("^--[A-Za-z0-9][A-Za-z0-9_-]*=(.*)$", Pattern.DOTALL);
    private static final Pattern KEY_VALUE = Pattern.compile("^[A-Za-z_][A-Za-z0-9_.-]*=(.+)$", Pattern.DOTALL);
    private static final Pattern SHORT_VALUE = Pattern.compile("^-[A-Za-z0-9](.+)$", Pattern.DOTALL);

    private ArgPaths() {
    }

    /** what one argument names; an empty list when nothing. */
    static List<String> of(Script.Word word) {
        String arg = word.text();
        if (word.dynamic() || word.glob()) {
            return literalDir(word);
        }
        List<String> out = new ArrayList<>();
        if (arg.isEmpty() || arg.indexOf('\0') >= 0 || arg.equals("-") || arg.equals("--")) {
            return out;
        }
        // each pattern is tried only when the text holds what it needs (cheap tests first, same answers)
        Matcher url = arg.contains("://") ? URL.matcher(arg) : null;
        if (url != null && url.matches()) {
            if (url.group(1).equalsIgnoreCase("file") && url.group(2).startsWith("/")) {
                out.add(url.group(2));
            }
            return out;
        }
        Matcher m;
        if (arg.startsWith("--") && arg.indexOf('=') > 2 && (m = LONG_VALUE.matcher(arg)).matches()) {
            add(out, m.group(1));
        } else if (arg.startsWith("--")) {
            return out;
        } else if (arg.length() >= 3 && arg.charAt(0) == '-' && (m = SHORT_VALUE.matcher(arg)).matches()) {
            add(out, m.group(1));
        } else if (arg.startsWith("@") && arg.length() > 1) {
            add(out, arg.substring(1));
            out.add(arg);
        } else {
            out.add(arg);
            if (arg.indexOf('=') > 0 && (m = KEY_VALUE.matcher(arg)).matches()) {
                add(out, m.group(1));
            }
        }
        return out;
    }

    /** whether the argument is an option rather than an operand. */
    static boolean option(String arg) {
        return arg.startsWith("-") && !arg.equals("-");
    }

    static boolean url(String arg) {
        if (!arg.contains("://")) {
            return false;
        }
        Matcher m = URL.matcher(arg);
        return m.matches() && !m.group(1).equalsIgnoreCase("file");
    }

    /** the name a downloader gives a url's content when told none: its last path component. */
    static String urlFile(String url) {
        if (!url.contains("://")) {
            return null;
        }
        Matcher m = URL.matcher(url);
        if (!m.matches()) {
            return null;
        }
        String rest = m.group(2);
        int q = rest.indexOf('?');
        rest = q >= 0 ? rest.substring(0, q) : rest;
        int slash = rest.indexOf('/');
        if (slash < 0) {
            return null;
        }
        String name = rest.substring(rest.lastIndexOf('/') + 1);
        return name.isEmpty() || name.equals(".") || name.equals("..") ? null : name;
    }

    private static List<String> literalDir(Script.Word word) {
        String prefix = word.literalPrefix();
        int slash = prefix.lastIndexOf('/');
        if (slash < 0) {
            // "*.log" lies in the working directory; "$X" could be anything
            return word.glob() && !word.dynamic() && prefix.indexOf('=') < 0 && !prefix.startsWith("-") ? List.of(".") : List.of();
        }
        return List.of(slash == 0 ? "/" : prefix.substring(0, slash));
    }

    private static void add(List<String> out, String value) {
        if (!value.isEmpty() && value.indexOf('\0') < 0 && !url(value)) {
            out.add(value);
            if (value.startsWith("@") && value.length() > 1) {
                out.add(value.substring(1));
            }
        }
    }

    private static final Pattern EMBEDDED = Pattern.compile("(?:^|[\\s=:>'\"(,;|&<])((?:/|~/)[^\\s'\"();|&<>,]*)");

    /** absolute paths (and ~/ paths) written anywhere in a code string, for code policy does not read. */
    static List<String> embedded(String code, String home) {
        List<String> out = new ArrayList<>();
        Matcher m = EMBEDDED.matcher(code);
        while (m.find()) {
            String p = m.group(1);
            out.add(p.startsWith("~/") ? home + p.substring(1) : p);
        }
        return out;
    }
}
