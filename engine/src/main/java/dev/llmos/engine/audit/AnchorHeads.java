package dev.llmos.engine.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** reads anchored heads back from any text: the anchor file, or an export of syslog / the journal. */
public final class AnchorHeads {

    /** one head the log had at some moment. */
    public record Head(long seq, String hash) {
    }

    private static final Pattern HEAD = Pattern.compile("llm-os-audit head seq=(\\d{1,18}) hash=([0-9a-f]{64}) log=(\\S+)");

    private AnchorHeads() {
    }

    /** the heads in {@code text} that belong to {@code log}; other logs' heads are skipped. */
    public static List<Head> parse(String text, String log) {
        List<Head> out = new ArrayList<>();
        Matcher m = HEAD.matcher(text);
        while (m.find()) {
            if (m.group(3).equals(log)) {
                out.add(new Head(Long.parseLong(m.group(1)), m.group(2)));
            }
        }
        return out;
    }

    public static List<Head> read(Path file, String log) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.UTF_8), log);
    }
}
