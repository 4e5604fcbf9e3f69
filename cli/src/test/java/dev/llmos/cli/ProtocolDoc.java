package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * the example exchanges of docs/protocol.md: "->" request lines and "<-" answers inside
 * {@code jsonrpc} code blocks. answers match by subset: listed fields must match, "*" matches
 * anything, "$name" captures (or, once captured, must equal) a value, and a trailing "..." in a
 * list allows more elements.
 */
final class ProtocolDoc {

    record Exchange(int line, String request, String answer) {
    }

    private ProtocolDoc() {
    }

    static List<Exchange> read(Path doc) throws IOException {
        List<Exchange> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(doc);
        boolean inBlock = false;
        String pending = null;
        int pendingLine = 0;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (l.startsWith("```")) {
                inBlock = l.equals("```jsonrpc");
                continue;
            }
            if (!inBlock) {
                continue;
            }
            if (l.startsWith("-> ")) {
                pending = l.substring(3);
                pendingLine = i + 1;
            } else if (l.startsWith("<- ")) {
                out.add(new Exchange(pendingLine, pending, l.substring(3)));
                pending = null;
            }
        }
        return out;
    }

    /** replaces each "$name" already captured by its value. */
    static String substitute(String request, Map<String, String> vars) {
        String r = request;
        for (var e : vars.entrySet()) {
            r = r.replace("\"$" + e.getKey() + "\"", "\"" + e.getValue() + "\"");
        }
        return r;
    }

    /** null when {@code actual} fits {@code expected}, else where and how it does not. */
    static String mismatch(JsonNode expected, JsonNode actual, String at, Map<String, String> vars) {
        if (expected.isTextual() && expected.asText().equals("*")) {
            return actual == null || actual.isMissingNode() ? at + ": missing" : null;
        }
        if (expected.isTextual() && expected.asText().startsWith("$")) {
            String name = expected.asText().substring(1);
            if (actual == null || !actual.isValueNode()) {
                return at + ": expected a value to capture as $" + name;
            }
            String known = vars.putIfAbsent(name, actual.asText());
            return known == null || known.equals(actual.asText()) ? null : at + ": $" + name + " was " + known + ", got " + actual;
        }
        if (actual == null || actual.isMissingNode()) {
            return at + ": missing";
        }
        if (expected.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var f = it.next();
                String m = mismatch(f.getValue(), actual.get(f.getKey()), at + "/" + f.getKey(), vars);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (expected.isArray()) {
            boolean open = !expected.isEmpty() && expected.get(expected.size() - 1).asText().equals("...");
            int n = open ? expected.size() - 1 : expected.size();
            if (!actual.isArray() || (open ? actual.size() < n : actual.size() != n)) {
                return at + ": expected " + (open ? "at least " : "") + n + " elements, got " + actual;
            }
            for (int i = 0; i < n; i++) {
                String m = mismatch(expected.get(i), actual.get(i), at + "/" + i, vars);
                if (m != null) {
                    return m;
                }
            }
            return null;
        }
        if (expected.isNumber() && actual.isNumber()) {
            return expected.decimalValue().compareTo(actual.decimalValue()) == 0 ? null : at + ": expected " + expected + ", got " + actual;
        }
        return expected.equals(actual) ? null : at + ": expected " + expected + ", got " + actual;
    }
}
