package dev.llmos.actions.exec.shell;

import java.util.regex.Pattern;

/**
 * reads one shell word at the parser's position: quotes removed, expansions marked (never
 * performed), command substitutions read as scripts of their own, ~ and $HOME put in as the
 * program's home (a fixed value of the environment the executor sets).
 */
final class WordReader {

    // compiled once: String.matches compiles its pattern on every call, for every command of every plan
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private final ShellParser parser;
    private final String src;
    private final StringBuilder text = new StringBuilder();
    private boolean dynamic;
    private boolean glob;
    private int literal = -1;
    private int i;

    WordReader(ShellParser parser) {
        this.parser = parser;
        this.src = parser.src();
        this.i = parser.pos();
    }

    Script.Word read() {
        int n = src.length();
        if (i < n && src.charAt(i) == '~' && (i + 1 == n || "/ \t\n;&|)".indexOf(src.charAt(i + 1)) >= 0)) {
            text.append(parser.home());
            i++;
        } else if (i < n && src.charAt(i) == '~') {
            tildeUser();
        }
        while (i < n) {
            char c = src.charAt(i);
            if (" \t\n;&|<>()".indexOf(c) >= 0) {
                break;
            }
            switch (c) {
                case '\\' -> {
                    if (i + 1 < n && src.charAt(i + 1) != '\n') {
                        text.append(src.charAt(i + 1));
                    }
                    i += 2;
                }
                case '\'' -> {
                    int end = src.indexOf('\'', i + 1);
                    if (end < 0) {
                        throw new ShellParser.Unreadable("an unterminated ' quote");
                    }
                    text.append(src, i + 1, end);
                    i = end + 1;
                }
                case '"' -> doubleQuoted();
                case '$' -> dollar(false);
                case '`' -> backtick();
                case '*', '?', '[' -> {
                    markGlob();
                    text.append(c);
                    i++;
                }
                case '{' -> {
                    int close = src.indexOf('}', i);
                    if (close > 0 && (src.substring(i, close).contains(",") || src.substring(i, close).contains(".."))) {
                        markGlob();
                    }
                    text.append(c);
                    i++;
                }
                default -> {
                    text.append(c);
                    i++;
                }
            }
        }
        parser.pos(i);
        return new Script.Word(text.toString(), dynamic, glob, literal < 0 ? text.length() : literal);
    }

    /**
     * ~NAME is NAME's home from the passwd file, as the shell expands it; a name the file does not
     * know may still be known to the name service at run time, so the word is decided at run time.
     */
    private void tildeUser() {
        int j = i + 1;
        while (j < src.length() && " \t\n;&|<>()/".indexOf(src.charAt(j)) < 0) {
            j++;
        }
        String name = src.substring(i + 1, j);
        if (!NAME.matcher(name).matches()) {
            // quotes or expansions in the name: the shell does not expand it at all
            return;
        }
        String home = Homes.of(name);
        if (home == null) {
            markDynamic();
            text.append('~').append(name);
        } else {
            text.append(home);
        }
        i = j;
    }

    private void markGlob() {
        glob = true;
        if (literal < 0) {
            literal = text.length();
        }
    }

    private void markDynamic() {
        dynamic = true;
        if (literal < 0) {
            literal = text.length();
        }
    }

    private void doubleQuoted() {
        i++;
        int n = src.length();
        while (i < n && src.charAt(i) != '"') {
            char c = src.charAt(i);
            if (c == '\\' && i + 1 < n && "$`\"\\\n".indexOf(src.charAt(i + 1)) >= 0) {
                if (src.charAt(i + 1) != '\n') {
                    text.append(src.charAt(i + 1));
                }
                i += 2;
            } else if (c == '$') {
                dollar(true);
            } else if (c == '`') {
                backtick();
            } else {
                text.append(c);
                i++;
            }
        }
        if (i >= n) {
            throw new ShellParser.Unreadable("an unterminated \" quote");
        }
        i++;
    }

    private void dollar(boolean quoted) {
        int n = src.length();
        char next = i + 1 < n ? src.charAt(i + 1) : ' ';
        if (next == '\'' && !quoted) {
            ansiC();
        } else if (src.startsWith("$((", i)) {
            int end = src.indexOf("))", i);
            if (end < 0) {
                throw new ShellParser.Unreadable("an unterminated $((");
            }
            markDynamic();
            text.append(src, i, end + 2);
            i = end + 2;
        } else if (next == '(') {
            int end = matching(i + 1);
            markDynamic();
            parser.substitution(ShellParser.parse(src.substring(i + 2, end), parser.cwd(), parser.home(), parser.depth() + 1, parser.scratch()));
            text.append(src, i, end + 1);
            i = end + 1;
        } else if (next == '{') {
            int end = src.indexOf('}', i);
            if (end < 0) {
                throw new ShellParser.Unreadable("an unterminated ${");
            }
            String name = src.substring(i + 2, end);
            if (name.equals("HOME")) {
                text.append(parser.home());
            } else if (text.isEmpty() && parser.scratchOf(name) != null) {
                text.append(parser.scratchOf(name)).append('/');
                markDynamic();
                text.append(src, i, end + 1);
            } else {
                markDynamic();
                text.append(src, i, end + 1);
            }
            i = end + 1;
        } else if (Character.isLetter(next) || next == '_') {
            int j = i + 1;
            while (j < n && (Character.isLetterOrDigit(src.charAt(j)) || src.charAt(j) == '_')) {
                j++;
            }
            String name = src.substring(i + 1, j);
            if (name.equals("HOME")) {
                text.append(parser.home());
            } else if (text.isEmpty() && parser.scratchOf(name) != null) {
                // a new file mktemp made: somewhere in the scratch directory, its name only the run knows
                text.append(parser.scratchOf(name)).append('/');
                markDynamic();
                text.append(src, i, j);
            } else {
                markDynamic();
                text.append(src, i, j);
            }
            i = j;
        } else if ("0123456789@*#?$!-".indexOf(next) >= 0) {
            markDynamic();
            text.append(src, i, i + 2);
            i += 2;
        } else {
            text.append('$');
            i++;
        }
    }

    /** $'...': the shell's own escapes, decoded as the shell does (this is quoting, not code). */
    private void ansiC() {
        int n = src.length();
        i += 2;
        while (i < n && src.charAt(i) != '\'') {
            char c = src.charAt(i);
            if (c != '\\' || i + 1 >= n) {
                text.append(c);
                i++;
                continue;
            }
            char e = src.charAt(i + 1);
            i += 2;
            switch (e) {
                case 'n' -> text.append('\n');
                case 't' -> text.append('\t');
                case 'r' -> text.append('\r');
                case 'a' -> text.append('\u0007');
                case 'b' -> text.append('\b');
                case 'e', 'E' -> text.append('\u001b');
                case 'f' -> text.append('\f');
                case 'v' -> text.append('\u000b');
                case 'x' -> {
                    int j = i;
                    while (j < n && j < i + 2 && Character.digit(src.charAt(j), 16) >= 0) {
                        j++;
                    }
                    text.append(j > i ? (char) Integer.parseInt(src.substring(i, j), 16) : 'x');
                    i = j;
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int j = i - 1;
                        int end = j;
                        while (end < n && end < j + 3 && src.charAt(end) >= '0' && src.charAt(end) <= '7') {
                            end++;
                        }
                        text.append((char) Integer.parseInt(src.substring(j, end), 8));
                        i = end;
                    } else {
                        text.append(e);
                    }
                }
            }
        }
        if (i >= n) {
            throw new ShellParser.Unreadable("an unterminated $' quote");
        }
        i++;
    }

    private void backtick() {
        int end = i + 1;
        while (end < src.length() && src.charAt(end) != '`') {
            end += src.charAt(end) == '\\' ? 2 : 1;
        }
        if (end >= src.length()) {
            throw new ShellParser.Unreadable("an unterminated backtick");
        }
        markDynamic();
        parser.substitution(ShellParser.parse(src.substring(i + 1, end), parser.cwd(), parser.home(), parser.depth() + 1, parser.scratch()));
        text.append(src, i, end + 1);
        i = end + 1;
    }

    /** the index of the ) that closes the ( at {@code open}, skipping quotes and nested parentheses. */
    private int matching(int open) {
        int level = 0;
        for (int j = open; j < src.length(); j++) {
            char c = src.charAt(j);
            if (c == '\\') {
                j++;
            } else if (c == '\'') {
                j = src.indexOf('\'', j + 1);
                if (j < 0) {
                    break;
                }
            } else if (c == '"') {
                j++;
                while (j < src.length() && src.charAt(j) != '"') {
                    j += src.charAt(j) == '\\' ? 2 : 1;
                }
            } else if (c == '(') {
                level++;
            } else if (c == ')' && --level == 0) {
                return j;
            }
        }
        throw new ShellParser.Unreadable("an unterminated $(");
    }
}
