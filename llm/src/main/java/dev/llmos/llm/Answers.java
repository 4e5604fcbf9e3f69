package dev.llmos.llm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * what a model wraps around its json when a server does not enforce the schema: a reasoning block
 * ({@code <think>...</think>}) or a markdown fence. only that wrapping is removed; what remains is
 * validated like any answer, so leniency here cannot let a bad plan through.
 */
final class Answers {

    private static final Pattern THINK = Pattern.compile("^\\s*<think>.*?</think>", Pattern.DOTALL);
    private static final Pattern FENCE = Pattern.compile("^\\s*```[a-zA-Z]*\\s*\\n(.*?)\\n?```\\s*$", Pattern.DOTALL);

    private Answers() {
    }

    static String clean(String text) {
        String out = THINK.matcher(text).replaceFirst("");
        Matcher fence = FENCE.matcher(out);
        if (fence.matches()) {
            out = fence.group(1);
        }
        return out.strip();
    }
}
