package dev.llmos.actions.files;

import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import com.github.difflib.patch.Patch;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** the dry run of a file change: one summary line and a unified diff, as git would show it. */
final class FilePreview {

    static final long MAX_DIFF_BYTES = 1024 * 1024;
    private static final String NO_NEWLINE = "\\ No newline at end of file";
    private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+),(\\d+) \\+(\\d+),(\\d+) @@(.*)$");

    private FilePreview() {
    }

    /** @param acting whose permissions read the current content (the diff shows it) */
    static Preview of(FileTarget target, Integer mode, boolean append, byte[] payload, Acting acting) throws IOException {
        long before = target.size();
        int finalMode = mode != null ? mode : target.exists() ? FileKind.mode(target.real()) : 0644;
        long after = append ? before + payload.length : payload.length;
        String summary;
        if (!target.exists()) {
            summary = "would create " + target.real() + " (" + after + " bytes, mode " + FileKind.octal(finalMode) + ")";
        } else if (append) {
            summary = "would append " + payload.length + " bytes to " + target.real() + " (" + before + " -> " + after
                    + " bytes, mode " + FileKind.octal(finalMode) + ")";
        } else {
            summary = "would modify " + target.real() + " (" + before + " -> " + after + " bytes, mode "
                    + FileKind.octal(finalMode) + ")";
        }
        if (before > MAX_DIFF_BYTES || after > MAX_DIFF_BYTES) {
            return new Preview(summary + "; no diff for files over 1 MiB", null);
        }
        byte[] old = target.exists() ? Source.read(target, acting, (int) MAX_DIFF_BYTES).bytes() : new byte[0];
        String oldText = utf8(old);
        String added = utf8(payload);
        if (oldText == null || added == null) {
            return new Preview(summary + "; binary content, no diff", null);
        }
        String label = target.real().toString();
        String diff = unified(target.exists() ? "a" + label : "/dev/null", "b" + label, oldText,
                append ? oldText + added : added);
        return new Preview(summary, diff);
    }

    /** a unified diff with three lines of context, "" when nothing changes. */
    static String unified(String fromLabel, String toLabel, String before, String after) {
        List<String> a = lines(before);
        List<String> b = lines(after);
        Patch<String> patch = DiffUtils.diff(a, b);
        if (patch.getDeltas().isEmpty()) {
            return "";
        }
        List<String> out = new ArrayList<>();
        for (String line : UnifiedDiffUtils.generateUnifiedDiff(fromLabel, toLabel, a, patch, 3)) {
            out.add(line.startsWith("@@") ? emptyRanges(line) : line);
        }
        return String.join("\n", out) + "\n";
    }

    /**
     * an empty range starts at the line before it ("@@ -0,0 +1,2 @@" for a new file), as diff and
     * patch expect; java-diff-utils writes "-1,0", which patch would misplace.
     */
    static String emptyRanges(String header) {
        Matcher m = HUNK.matcher(header);
        if (!m.matches()) {
            return header;
        }
        return "@@ -" + range(m.group(1), m.group(2)) + " +" + range(m.group(3), m.group(4)) + " @@" + m.group(5);
    }

    private static String range(String start, String count) {
        int s = Integer.parseInt(start);
        return count.equals("0") ? Math.max(0, s - 1) + ",0" : s + "," + count;
    }

    /**
     * the text's lines; a last line without a newline carries diff's marker, so it differs from
     * the same line with one and prints the way diff prints it.
     */
    static List<String> lines(String text) {
        List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
        String last = out.remove(out.size() - 1);
        if (!last.isEmpty()) {
            out.add(last + "\n" + NO_NEWLINE);
        }
        return out;
    }

    /** the bytes as text when they are valid utf-8, else null. */
    static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
