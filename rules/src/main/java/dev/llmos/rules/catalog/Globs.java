package dev.llmos.rules.catalog;

import java.util.regex.Pattern;

/** program name globs: {@code *} any run of characters, {@code ?} one, everything else literal. */
final class Globs {

    private Globs() {
    }

    static String regex(String glob) {
        // literal runs quoted whole: one \Q...\E per run, not per character, compiles faster at start
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                flush(re, literal);
                re.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        flush(re, literal);
        return re.toString();
    }

    private static void flush(StringBuilder re, StringBuilder literal) {
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
            literal.setLength(0);
        }
    }
}
