package dev.llmos.cli.run;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * what a read-only action read, for people: a file's content (capped, with a note when cut) and
 * numbers as a small table (sizes in KiB/MiB/GiB, percentages with %). the whole data stays in
 * {@code --json}; nested detail (meminfo's fifty counters) is left to it.
 */
final class DataView {

    static final int CONTENT_LINES = 20;
    static final int CONTENT_CHARS = 2000;
    static final int ROWS = 10;

    private DataView() {
    }

    static void show(PrintWriter out, JsonNode data) {
        if (data == null || !data.isObject()) {
            return;
        }
        if (data.path("content").isTextual()) {
            content(out, data);
            return;
        }
        if (!data.has("what")) {
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isArray()) {
                table(out, e.getKey(), e.getValue());
            } else if (e.getValue().isValueNode() && !e.getKey().equals("what")) {
                pairs.add(new String[] {label(e.getKey()), value(e.getKey(), e.getValue())});
            }
        }
        int width = pairs.stream().mapToInt(p -> p[0].length()).max().orElse(0);
        for (String[] p : pairs) {
            out.println("      " + pad(p[0], width) + "  " + p[1]);
        }
    }

    private static void content(PrintWriter out, JsonNode data) {
        String text = data.path("content").asText();
        String shown = text.length() > CONTENT_CHARS ? text.substring(0, CONTENT_CHARS) : text;
        String[] lines = shown.stripTrailing().split("\n", -1);
        boolean cut = lines.length > CONTENT_LINES || shown.length() < text.length() || data.path("truncated").asBoolean(false);
        out.println("      content" + (data.path("encoding").asText("utf-8").equals("utf-8") ? "" : " (" + data.path("encoding").asText() + ")") + ":");
        for (int i = 0; i < Math.min(lines.length, CONTENT_LINES); i++) {
            out.println("        | " + lines[i]);
        }
        if (cut) {
            long size = data.path("size").asLong(text.length());
            out.println("        | ... (cut: " + size + " bytes in all; --json has what was read)");
        }
    }

    private static void table(PrintWriter out, String name, JsonNode rows) {
        if (rows.isEmpty() || !rows.get(0).isObject()) {
            return;
        }
        List<String> columns = new ArrayList<>();
        rows.get(0).fields().forEachRemaining(e -> {
            if (e.getValue().isValueNode()) {
                columns.add(e.getKey());
            }
        });
        List<String[]> cells = new ArrayList<>();
        cells.add(columns.stream().map(DataView::label).toArray(String[]::new));
        for (int r = 0; r < Math.min(rows.size(), ROWS); r++) {
            JsonNode row = rows.get(r);
            cells.add(columns.stream().map(c -> value(c, row.path(c))).toArray(String[]::new));
        }
        int[] width = new int[columns.size()];
        for (String[] row : cells) {
            for (int c = 0; c < row.length; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        out.println("      " + label(name) + ":");
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder("        ");
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : pad(row[c], width[c]) + "  ");
            }
            out.println(line.toString().stripTrailing());
        }
        if (rows.size() > ROWS) {
            out.println("        ... (" + rows.size() + " in all; run --json for every one)");
        }
    }

    private static String label(String key) {
        return key.replaceAll("_bytes$", "").replaceAll("_percent$", " %").replace('_', ' ');
    }

    static String value(String key, JsonNode v) {
        if (v.isMissingNode() || v.isNull()) {
            return "-";
        }
        if (key.endsWith("_bytes") && v.isNumber()) {
            return bytes(v.asLong());
        }
        if (key.endsWith("_percent") && v.isNumber()) {
            return String.format(java.util.Locale.ROOT, "%.1f%%", v.asDouble());
        }
        return v.asText();
    }

    static String bytes(long n) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double d = n;
        int u = 0;
        while (d >= 1024 && u < units.length - 1) {
            d /= 1024;
            u++;
        }
        return u == 0 ? n + " B" : String.format(java.util.Locale.ROOT, "%.1f %s", d, units[u]);
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(Math.max(0, width - s.length()));
    }
}
