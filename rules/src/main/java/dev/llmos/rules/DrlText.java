package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** checks on the text of a .drl that need no compiler. */
final class DrlText {

    static final Pattern STR_OPERATOR = Pattern.compile("\\bstr\\s*\\[");

    static final String STR_WARNING = "'str[...]' hits a drools 10.2 bug (NoSuchMethodError once the constraint is"
            + " jit-compiled), so this policy runs with constraint jitting off, which is slower;"
            + " write path != null, path.startsWith(\"/etc/\") instead";

    private DrlText() {
    }

    /** one warning per line that uses a {@code str[...]} operator outside comments. */
    static List<PolicyProblem> strOperators(String file, String text) {
        List<PolicyProblem> out = new ArrayList<>();
        String code = withoutComments(text);
        int lastLine = -1;
        for (int at = strOperator(code, 0); at >= 0; at = strOperator(code, at + 3)) {
            int line = lineOf(code, at);
            if (line != lastLine) {
                out.add(new PolicyProblem(file, line, column(code, at), STR_WARNING, false));
                lastLine = line;
            }
        }
        return out;
    }

    /**
     * where the next match of {@link #STR_OPERATOR} starts at or after {@code from}, or -1: found by
     * hand, since the regex's word-boundary test at every offset of every file was about 10 ms of each
     * start (DrlTextTest holds the two equal).
     */
    static int strOperator(String code, int from) {
        for (int at = code.indexOf("str", from); at >= 0; at = code.indexOf("str", at + 1)) {
            if (at > 0 && wordChar(code.charAt(at - 1))) {
                continue;
            }
            int i = at + 3;
            while (i < code.length() && " \t\n\013\f\r".indexOf(code.charAt(i)) >= 0) {
                i++;
            }
            if (i < code.length() && code.charAt(i) == '[') {
                return at;
            }
        }
        return -1;
    }

    /** what the regex's word boundary takes for a word character (ascii, as for \w, since jdk 19). */
    private static boolean wordChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** the line a rule starts on: the first {@code rule "name"} (or unquoted name) at a line start. */
    static int ruleLine(String text, String name) {
        Pattern p = Pattern.compile("(?m)^\\s*rule\\s+(\"" + Pattern.quote(name) + "\"|'" + Pattern.quote(name) + "'|"
                + Pattern.quote(name) + "(?=\\s|$))");
        Matcher m = p.matcher(withoutComments(text));
        return m.find() ? lineOf(text, m.start(1)) : 0;
    }

    /** comments blanked out with spaces (newlines kept), so offsets and lines stay where they were. */
    static String withoutComments(String text) {
        StringBuilder out = new StringBuilder(text);
        int i = 0;
        char quote = 0;
        while (i < out.length()) {
            char c = out.charAt(i);
            char next = i + 1 < out.length() ? out.charAt(i + 1) : 0;
            if (quote != 0) {
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == quote) {
                    quote = 0;
                }
                i++;
            } else if (c == '"' || c == '\'') {
                quote = c;
                i++;
            } else if (c == '/' && next == '/' || c == '#' && (i == 0 || out.charAt(i - 1) == '\n')) {
                while (i < out.length() && out.charAt(i) != '\n') {
                    out.setCharAt(i++, ' ');
                }
            } else if (c == '/' && next == '*') {
                int end = out.indexOf("*/", i + 2);
                int stop = end < 0 ? out.length() : end + 2;
                for (; i < stop; i++) {
                    if (out.charAt(i) != '\n') {
                        out.setCharAt(i, ' ');
                    }
                }
            } else {
                i++;
            }
        }
        return out.toString();
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static int column(String text, int offset) {
        int start = text.lastIndexOf('\n', offset - 1) + 1;
        return offset - start + 1;
    }
}
