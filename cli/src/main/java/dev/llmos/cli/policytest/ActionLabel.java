package dev.llmos.cli.policytest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.plan.PlannedAction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** an action in one line for reports: {@code exec rm -rf /}, {@code write_file /etc/motd}. */
public final class ActionLabel {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    private static final int MAX = 72;

    private ActionLabel() {
    }

    public static String of(PlannedAction action) {
        JsonNode json = action.json();
        String target;
        if (json.path("argv").isArray()) {
            List<String> words = new ArrayList<>();
            json.path("argv").forEach(w -> words.add(quote(w.asText())));
            target = String.join(" ", words);
        } else if (json.path("path").isTextual()) {
            target = json.path("path").asText();
        } else {
            target = "";
        }
        String text = (action.type() + " " + target).strip().replace("\n", "\\n");
        return text.length() <= MAX ? text : text.substring(0, MAX - 3) + "...";
    }

    /** shell-style quoting, for reading only: nothing runs through a shell. */
    private static String quote(String word) {
        return !word.isEmpty() && PLAIN.matcher(word).matches() ? word : "'" + word.replace("'", "'\\''") + "'";
    }
}
