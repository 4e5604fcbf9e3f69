package dev.llmos.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.registry.ActionRegistry;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** one-line descriptions of actions for tables and questions: {@code write_file /etc/motd}. */
public final class ActionText {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
    private static final int MAX = 80;

    private ActionText() {
    }

    /** the type and what it acts on: argv for processes, the path for files, else its own fields. */
    public static String describe(PlannedAction action) {
        return action.type() + " " + target(action.json());
    }

    static String target(JsonNode json) {
        String text;
        if (json.path("argv").isArray()) {
            List<String> words = new ArrayList<>();
            json.path("argv").forEach(w -> words.add(quote(w.asText())));
            text = String.join(" ", words);
        } else if (json.path("path").isTextual()) {
            text = json.path("path").asText();
        } else {
            ObjectNode own = ((ObjectNode) json).deepCopy();
            ActionRegistry.HEADER_FIELDS.forEach(own::remove);
            text = Json.write(own);
        }
        return shorten(text, MAX);
    }

    /** shell-style quoting for display only: the executor never uses a shell. */
    static String quote(String word) {
        if (!word.isEmpty() && PLAIN.matcher(word).matches()) {
            return word;
        }
        return "'" + word.replace("'", "'\\''") + "'";
    }

    static String shorten(String text, int max) {
        String oneLine = text.replace("\n", "\\n");
        return oneLine.length() <= max ? oneLine : oneLine.substring(0, max - 3) + "...";
    }
}
