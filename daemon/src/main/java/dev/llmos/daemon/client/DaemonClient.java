package dev.llmos.daemon.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.json.JsonTrees;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/** a json-rpc client for llm-osd: one request per line, answers in order. not thread-safe. */
public final class DaemonClient implements AutoCloseable {

    private static final int MAX_RESPONSE = 64 * 1024 * 1024;

    private final SocketChannel channel;
    private final LineReader reader;
    private final AtomicLong ids = new AtomicLong();

    private DaemonClient(SocketChannel channel) {
        this.channel = channel;
        this.reader = new LineReader(Channels.newInputStream(channel), MAX_RESPONSE);
    }

    public static DaemonClient connect(Path socket) throws IOException {
        SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.connect(UnixDomainSocketAddress.of(socket));
        } catch (IOException e) {
            ch.close();
            throw new IOException("cannot connect to llm-osd at " + socket + ": " + e.getMessage(), e);
        }
        return new DaemonClient(ch);
    }

    /** calls a method with its typed params and returns the result; a json-rpc error is thrown as {@link RpcException}. */
    public JsonNode call(Method method, Params params) throws IOException {
        return call(method.wire(), ParamsJson.of(params));
    }

    /** as above, the result read as {@code type}. */
    public <T> T call(Method method, Params params, Class<T> type) throws IOException {
        return Json.mapper().treeToValue(call(method, params), type);
    }

    /** calls a method by name; for tests that send what no typed client would. */
    public JsonNode call(String method, JsonNode params) throws IOException {
        // the tree and its text without jackson's mapper: a short-lived client would spend more on
        // starting the mapper than on everything else it does with json (decision 0023)
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        request.put("jsonrpc", "2.0");
        request.put("id", ids.incrementAndGet());
        request.put("method", method);
        request.set("params", params == null ? JsonNodeFactory.instance.objectNode() : params);
        JsonNode response = exchange(JsonTrees.write(request));
        if (response.has("error")) {
            JsonNode e = response.get("error");
            throw new RpcException(e.path("code").asInt(), e.path("message").asText(), e.get("data"));
        }
        return response.path("result");
    }

    /** sends one raw line and reads one response line; for tests and for the protocol doc's examples. */
    public JsonNode exchange(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        ByteBuffer buf = ByteBuffer.wrap(bytes);
        String answer;
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            answer = reader.readLine();
        } catch (IOException e) {
            // a daemon that refuses a caller says why and closes at once, so the request may meet a
            // closed socket (broken pipe): its reason is still waiting to be read, and is the answer
            answer = refusal().orElseThrow(() -> e);
        }
        if (answer == null) {
            throw new IOException("llm-osd closed the connection");
        }
        JsonNode response = JsonTrees.read(answer);
        // an empty line reads as the mapper reads it: nothing there
        return response == null ? MissingNode.getInstance() : response;
    }

    private java.util.Optional<String> refusal() {
        try {
            return java.util.Optional.ofNullable(reader.readLine());
        } catch (IOException ignored) {
            return java.util.Optional.empty();
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
