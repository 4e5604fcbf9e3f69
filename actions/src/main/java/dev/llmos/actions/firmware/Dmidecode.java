package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * reads dmidecode's text into structures: handle, type, size, name, and properties, where a
 * property with indented lines under it becomes a list.
 */
final class Dmidecode {

    private static final Pattern VERSION = Pattern.compile("^SMBIOS (\\S+) present\\.");
    private static final Pattern HANDLE = Pattern.compile("^Handle (0x[0-9A-Fa-f]+), DMI type (\\d+), (\\d+) bytes");

    private Dmidecode() {
    }

    static ObjectNode parse(String text) {
        ObjectNode result = Json.mapper().createObjectNode();
        ArrayNode structures = Json.mapper().createArrayNode();
        ObjectNode current = null;
        ObjectNode properties = null;
        ArrayNode list = null;
        boolean expectName = false;
        for (String line : text.lines().toList()) {
            Matcher m;
            if ((m = VERSION.matcher(line)).find()) {
                result.put("smbios", m.group(1));
            } else if ((m = HANDLE.matcher(line)).find()) {
                current = structures.addObject().put("handle", m.group(1)).put("type", Integer.parseInt(m.group(2)))
                        .put("bytes", Integer.parseInt(m.group(3)));
                properties = null;
                list = null;
                expectName = true;
            } else if (current != null && expectName && !line.isBlank()) {
                current.put("name", line.strip());
                properties = current.putObject("properties");
                expectName = false;
            } else if (properties != null && line.startsWith("\t\t") && list != null) {
                list.add(line.strip());
            } else if (properties != null && line.startsWith("\t") && !line.startsWith("\t\t")) {
                int colon = line.indexOf(':');
                String key = colon < 0 ? line.strip() : line.substring(0, colon).strip();
                String value = colon < 0 ? "" : line.substring(colon + 1).strip();
                if (value.isEmpty()) {
                    list = properties.putArray(key);
                } else {
                    properties.put(key, value);
                    list = null;
                }
            }
        }
        result.set("structures", structures);
        return result;
    }
}
