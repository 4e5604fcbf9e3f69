package dev.llmos.llm;

import java.util.ArrayList;
import java.util.List;

/**
 * splits a launch command written as one string, the way a person expects from a shell: spaces
 * separate words, single and double quotes group them, a backslash escapes the next character.
 * nothing is expanded, and the result is run as argv, never through a shell.
 */
final class Argv {

    private Argv() {
    }

    static List<String> split(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < line.length()) {
                    word.append(line.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    out.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new ModelConfigLoader.ConfigException("launch command has an unclosed " + quote + " quote: " + line);
        }
        if (inWord) {
            out.add(word.toString());
        }
        return List.copyOf(out);
    }
}
