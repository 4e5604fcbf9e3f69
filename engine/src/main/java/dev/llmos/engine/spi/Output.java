package dev.llmos.engine.spi;

/**
 * captured output of a stream: the kept excerpt and how much there was in all.
 *
 * @param text the first bytes (decoded as utf-8, malformed input replaced)
 * @param totalBytes everything the stream produced
 * @param truncated whether {@code text} is shorter than the stream was
 */
public record Output(String text, long totalBytes, boolean truncated) {

    public static final Output EMPTY = new Output("", 0, false);

    /** the last {@code lines} lines, for the "what failed" excerpt. */
    public String tail(int lines) {
        String[] all = text.split("\n", -1);
        int end = all.length;
        if (end > 0 && all[end - 1].isEmpty()) {
            end--;
        }
        int start = Math.max(0, end - lines);
        return String.join("\n", java.util.Arrays.asList(all).subList(start, end));
    }
}
