package dev.llmos.actions.screen;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** reads {@code xrandr --query}: the screens, each output with its geometry and modes. */
final class Xrandr {

    private static final Pattern SCREEN = Pattern.compile("^Screen (\\d+): .*current (\\d+) x (\\d+).*");
    private static final Pattern OUTPUT = Pattern.compile(
            "^(\\S+) (connected|disconnected)( primary)?(?: (\\d+)x(\\d+)\\+(\\d+)\\+(\\d+))?.*");
    private static final Pattern MODE = Pattern.compile("^\\s+(\\d+x\\d+\\S*)\\s*(.*)$");

    private Xrandr() {
    }

    static ObjectNode parse(String query) {
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode screens = result.putArray("screens");
        ArrayNode outputs = result.putArray("outputs");
        ObjectNode output = null;
        for (String line : query.lines().toList()) {
            Matcher m;
            if ((m = SCREEN.matcher(line)).matches()) {
                screens.addObject().put("screen", Integer.parseInt(m.group(1)))
                        .put("width", Integer.parseInt(m.group(2))).put("height", Integer.parseInt(m.group(3)));
            } else if ((m = OUTPUT.matcher(line)).matches()) {
                output = outputs.addObject().put("name", m.group(1)).put("connected", m.group(2).equals("connected"))
                        .put("primary", m.group(3) != null);
                // an output that is connected but switched off has no geometry
                if (m.group(4) != null) {
                    output.put("width", Integer.parseInt(m.group(4))).put("height", Integer.parseInt(m.group(5)))
                            .put("x", Integer.parseInt(m.group(6))).put("y", Integer.parseInt(m.group(7)));
                }
                output.putArray("modes");
            } else if (output != null && (m = MODE.matcher(line)).matches()) {
                ObjectNode mode = ((ArrayNode) output.get("modes")).addObject().put("mode", m.group(1));
                ArrayNode rates = mode.putArray("rates");
                for (String rate : m.group(2).trim().split("\\s+")) {
                    String number = rate.replaceAll("[*+]", "");
                    if (!number.isEmpty()) {
                        rates.add(number);
                    }
                }
                mode.put("current", m.group(2).contains("*")).put("preferred", m.group(2).contains("+"));
            }
        }
        return result;
    }
}
