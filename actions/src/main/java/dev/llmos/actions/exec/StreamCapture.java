package dev.llmos.actions.exec;

import dev.llmos.engine.spi.Output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * drains one output stream of a child on a virtual thread: keeps the first {@code cap} bytes and
 * counts the rest, so a chatty child never blocks on a full pipe and never fills our memory.
 */
final class StreamCapture {

    private final int cap;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private long total;

    private StreamCapture(String name, InputStream in, int cap) {
        this.cap = cap;
        this.thread = Thread.ofVirtual().name(name).start(() -> drain(in));
    }

    static StreamCapture start(String name, InputStream in, int cap) {
        return new StreamCapture(name, in, Math.max(0, cap));
    }

    private void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) != -1) {
                synchronized (this) {
                    int keep = Math.min(n, cap - kept.size());
                    if (keep > 0) {
                        kept.write(buf, 0, keep);
                    }
                    total += n;
                }
            }
        } catch (IOException e) {
            // the stream was closed under us: what was read so far is the result
        }
    }

    /** waits for the end of the stream; false when something still holds it open. */
    boolean await(Duration timeout) throws InterruptedException {
        return thread.join(timeout);
    }

    synchronized Output output() {
        return new Output(kept.toString(StandardCharsets.UTF_8), total, total > kept.size());
    }
}
