package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.daemon.client.LineReader;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;

/**
 * one client: a virtual thread reading one json-rpc request per line and answering each in order.
 * writes go straight to the channel (not through a stream) so the watchdog can answer a slow client
 * while this thread is blocked reading.
 */
final class Connection implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);

    private final SocketChannel channel;
    private final Peer peer;
    private final Methods methods;
    private final LineReader reader;
    private final Runnable onClose;
    private final Object writeLock = new Object();
    private volatile boolean busy;
    private volatile long lastActiveNanos = System.nanoTime();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    Connection(SocketChannel channel, Peer peer, Methods methods, int maxRequestBytes, Runnable onClose) {
        this.channel = channel;
        this.peer = peer;
        this.methods = methods;
        this.reader = new LineReader(Channels.newInputStream(channel), maxRequestBytes);
        this.onClose = onClose;
    }

    @Override
    public void run() {
        try {
            while (!closed.get()) {
                String line;
                try {
                    line = reader.readLine();
                } catch (LineReader.TooLarge e) {
                    send(error(null, new RpcError(RpcError.REQUEST_TOO_LARGE, e.getMessage() + "; connection closed")));
                    break;
                }
                if (line == null) {
                    break;
                }
                if (line.isBlank()) {
                    continue;
                }
                busy = true;
                try {
                    ObjectNode response = handle(line);
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

    private ObjectNode handle(String line) {
        JsonNode request;
        try {
            request = Json.mapper().readTree(line);
        } catch (IOException e) {
            return error(null, new RpcError(RpcError.PARSE_ERROR, "malformed json: " + firstLine(e.getMessage())));
        }
        JsonNode id = request == null ? null : request.get("id");
        if (request == null || !request.isObject() || !"2.0".equals(request.path("jsonrpc").asText())
                || !request.path("method").isTextual()) {
            return error(id, new RpcError(RpcError.INVALID_REQUEST,
                    "a request is {\"jsonrpc\": \"2.0\", \"id\": ..., \"method\": \"...\", \"params\": {...}}"));
        }
        JsonNode params = request.path("params");
        if (!params.isMissingNode() && !params.isObject()) {
            return error(id, new RpcError(RpcError.INVALID_PARAMS, "params must be an object"));
        }
        try {
            JsonNode result = methods.call(request.get("method").asText(), params.isMissingNode()
                    ? Json.mapper().createObjectNode() : params, peer);
            ObjectNode response = Json.mapper().createObjectNode();
            response.put("jsonrpc", "2.0");
            response.set("id", id);
            response.set("result", result);
            return response;
        } catch (RpcException e) {
            return error(id, e.error());
        } catch (RuntimeException e) {
            LOG.error("internal error in {}", request.get("method").asText(), e);
            return error(id, new RpcError(RpcError.INTERNAL_ERROR, "internal error: " + e));
        }
    }

    static ObjectNode error(JsonNode id, RpcError error) {
        ObjectNode response = Json.mapper().createObjectNode();
        response.put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode e = response.putObject("error");
        e.put("code", error.code());
        e.put("message", error.message());
        if (error.data() != null) {
            e.set("data", error.data());
        }
        return response;
    }

    void send(ObjectNode response) throws IOException {
        byte[] bytes = (Json.write(response) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
        }
    }

    /** called by the watchdog: a request that takes too long to arrive, or an idle client. */
    boolean overdue(long nowNanos, long readTimeoutNanos, long idleTimeoutNanos) {
        long partial = reader.partialSinceNanos();
        if (partial != 0 && nowNanos - partial > readTimeoutNanos) {
            try {
                send(error(null, new RpcError(RpcError.READ_TIMEOUT, "request not completed within "
                        + readTimeoutNanos / 1_000_000 + " ms; connection closed")));
            } catch (IOException ignored) {
                // the client is gone either way
            }
            close();
            return true;
        }
        if (!busy && partial == 0 && nowNanos - lastActiveNanos > idleTimeoutNanos) {
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

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
