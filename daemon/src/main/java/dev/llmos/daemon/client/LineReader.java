package dev.llmos.daemon.client;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * reads newline-terminated lines with a hard size cap, so one oversized request cannot make the
 * daemon buffer without bound. remembers when the current line started, so a watchdog can cut off
 * a client that trickles a request byte by byte.
 */
public final class LineReader {

    /** a line longer than the cap. */
    public static final class TooLarge extends IOException {
        public TooLarge(int max) {
            super("request is larger than " + max + " bytes");
        }
    }

    private final InputStream in;
    private final int max;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int len;
    private byte[] line = new byte[1024];
    private volatile long partialSinceNanos;

    public LineReader(InputStream in, int max) {
        this.in = in;
        this.max = max;
    }

    /** the next line without its newline, or null at end of stream (a final unterminated line counts). */
    public String readLine() throws IOException {
        byte[] bytes = readLineBytes();
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }

    /** as {@link #readLine()}, undecoded, so the server can refuse bytes that are not utf-8 rather than replace them. */
    public byte[] readLineBytes() throws IOException {
        int n = 0;
        partialSinceNanos = 0;
        while (true) {
            if (pos == len) {
                len = in.read(buf);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    partialSinceNanos = 0;
                    return n == 0 ? null : Arrays.copyOf(line, n);
                }
            }
            while (pos < len) {
                byte b = buf[pos++];
                if (b == '\n') {
                    partialSinceNanos = 0;
                    int end = n > 0 && line[n - 1] == '\r' ? n - 1 : n;
                    return Arrays.copyOf(line, end);
                }
                if (n == max) {
                    throw new TooLarge(max);
                }
                if (n == 0) {
                    partialSinceNanos = System.nanoTime();
                }
                if (n == line.length) {
                    line = Arrays.copyOf(line, Math.min(max, line.length * 2));
                }
                line[n++] = b;
            }
        }
    }

    /** when the first byte of an unfinished line arrived (System.nanoTime), or 0 between lines. */
    public long partialSinceNanos() {
        return partialSinceNanos;
    }
}
