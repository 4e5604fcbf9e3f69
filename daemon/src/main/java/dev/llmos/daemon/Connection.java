package dev.llmos.daemon;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.llmos.daemon.client.LineReader;
import dev.llmos.daemon.client.Result;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * one client: a virtual thread reading one json-rpc request per line and answering each in order.
 * writes go straight to the channel (not through a stream) so the watchdog can answer a slow client
 * while this thread is blocked reading; a write the client does not take in time closes the connection.
 */
final class Connection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    /** a json-rpc success. */
    record Success(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, Result result) {
    }

    /** a json-rpc error. */
    record Failure(String jsonrpc, @JsonInclude(JsonInclude.Include.ALWAYS) JsonNode id, RpcError error) {
    }

    /** the timeouts of one connection, in nanoseconds. */
    record Timeouts(long read, long firstRequest, long idle, long write) {
    }

    private final SocketChannel channel;
    private final Peer peer;
    private final Methods methods;
    private final LineReader reader;
    private final Runnable onClose;
    private final Object writeLock = new Object();
    private final long connectedNanos = System.nanoTime();
    private volatile boolean busy;
    private volatile boolean spoken;
    private volatile long lastActiveNanos = System.nanoTime();
    private volatile long writingSinceNanos;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean timedOut = new AtomicBoolean();

    Connection(SocketChannel channel, Peer peer, Methods methods, int maxRequestBytes, Runnable onClose) {
        this.channel = channel;
        this.peer = peer;
        this.methods = methods;
        this.reader = new LineReader(Channels.newInputStream(channel), maxRequestBytes);
        this.onClose = onClose;
    }

    Peer peer() {
        return peer;
    }

    @Override
    public void run() {
        try {
            while (!closed.get()) {
                byte[] line;
                try {
                    line = reader.readLineBytes();
                } catch (LineReader.TooLarge e) {
                    send(new Failure("2.0", NullNode.instance, new RpcError(RpcError.REQUEST_TOO_LARGE, e.getMessage() + "; connection closed")));
                    break;
                }
                if (line == null) {
                    break;
                }
                spoken = true;
                if (blank(line)) {
                    continue;
                }
                busy = true;
                try {
                    Object response = handle(line);
                    if (response != null) {
                        send(response);
                    }
                } finally {
                    busy = false;
                    lastActiveNanos = System.nanoTime();
                }
            }
        } catch (IOException e) {
            LOG.debug("connection of {} ended: {}", peer.requester().user(), e.toString());
        } finally {
            close();
        }
    }

    /** the answer to one line, or null for a notification (which json-rpc forbids answering). */
    private Object handle(byte[] line) {
        return switch (Incoming.read(line)) {
            case Incoming.Invalid invalid -> new Failure("2.0", invalid.id(), invalid.error());
            case Incoming.Notification n -> {
                LOG.debug("ignored notification {} from {}", n.method(), peer.requester().user());
                yield null;
            }
            case Incoming.Call call -> {
                try {
                    yield new Success("2.0", call.id(), methods.call(call, peer));
                } catch (RpcException e) {
                    yield new Failure("2.0", call.id(), e.error());
                } catch (RuntimeException e) {
                    LOG.error("internal error in {}", call.method().wire(), e);
                    yield new Failure("2.0", call.id(), new RpcError(RpcError.INTERNAL_ERROR, "internal error: " + e));
                }
            }
        };
    }

    private static boolean blank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /** the error line a refused client gets before its connection is closed. */
    static String refusal(RpcError error) {
        return Json.write(new Failure("2.0", NullNode.instance, error)) + "\n";
    }

    void send(Object response) throws IOException {
        byte[] bytes = (Json.write(response) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            writingSinceNanos = System.nanoTime();
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    channel.write(buf);
                }
            } finally {
                writingSinceNanos = 0;
            }
        }
    }

    /** called by the watchdog: a request too slow to arrive, an answer not taken, a silent or idle client. */
    boolean overdue(long now, Timeouts t) {
        long writing = writingSinceNanos;
        if (writing != 0 && now - writing > t.write()) {
            LOG.debug("{} does not read its answers; closing", peer.requester().user());
            close();
            return true;
        }
        long partial = reader.partialSinceNanos();
        if (partial != 0 && now - partial > t.read()) {
            if (timedOut.compareAndSet(false, true)) {
                // answered from a thread of its own: the watchdog must never wait on a client that does not
                // read; if this write stalls, the write timeout above closes the connection
                Thread.ofVirtual().name("llm-osd-timeout").start(() -> {
                    try {
                        send(new Failure("2.0", NullNode.instance, new RpcError(RpcError.READ_TIMEOUT, "request not completed within "
                                + t.read() / 1_000_000 + " ms; connection closed")));
                    } catch (IOException ignored) {
                        // the client is gone either way
                    }
                    close();
                });
            }
            return false;
        }
        if (!spoken && partial == 0 && now - connectedNanos > t.firstRequest()) {
            // connected and said nothing: a slot held for nobody
            close();
            return true;
        }
        if (!busy && partial == 0 && now - lastActiveNanos > t.idle()) {
            close();
            return true;
        }
        return false;
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing a broken socket can fail; it is closed as far as we are concerned
        }
        onClose.run();
    }
}
