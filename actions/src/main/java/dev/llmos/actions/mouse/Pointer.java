package dev.llmos.actions.mouse;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

/** where xdotool's {@code getmouselocation --shell} says the pointer ended up. */
final class Pointer {

    private Pointer() {
    }

    static ObjectNode location(String shellOutput) {
        ObjectNode at = Json.mapper().createObjectNode();
        shellOutput.lines().forEach(line -> {
            if (line.startsWith("X=")) {
                at.put("x", Integer.parseInt(line.substring(2).strip()));
            } else if (line.startsWith("Y=")) {
                at.put("y", Integer.parseInt(line.substring(2).strip()));
            }
        });
        return at;
    }
}
