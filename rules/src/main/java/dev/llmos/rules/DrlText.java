package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyProblem;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** checks on the text of a .drl that need no compiler. */
final class DrlText {

    private static final Pattern STR_OPERATOR = Pattern.compile("\\bstr\\s*\\[");

    static final String STR_WARNING = "'str[...]' hits a drools 10.2 bug (NoSuchMethodError once the constraint is"
            + " jit-compiled), so this policy runs with constraint jitting off, which is slower;"
            + " write path != null, path.startsWith(\"/etc/\") instead";

    private DrlText() {
    }

    /** one warning per line that uses a {@code str[...]} operator outside comments. */
    static List<PolicyProblem> strOperators(String file, String text) {
        List<PolicyProblem> out = new ArrayList<>();
        String code = withoutComments(text);
        Matcher m = STR_OPERATOR.matcher(code);
        int lastLine = -1;
        while (m.find()) {
            int line = lineOf(code, m.start());
            if (line != lastLine) {
                out.add(new PolicyProblem(file, line, column(code, m.start()), STR_WARNING, false));
                lastLine = line;
            }
        }
        return out;
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
