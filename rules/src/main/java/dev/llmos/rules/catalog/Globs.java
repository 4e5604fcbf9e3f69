package dev.llmos.rules.catalog;

import java.util.regex.Pattern;

/** program name globs: {@code *} any run of characters, {@code ?} one, everything else literal. */
final class Globs {

    private Globs() {
    }

    static String regex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return re.toString();
    }
}
