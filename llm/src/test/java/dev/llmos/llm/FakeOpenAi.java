package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * a real http server on 127.0.0.1 speaking just enough of the openai chat-completions protocol:
 * it records every request (body and headers) and answers with scripted message contents.
 */
public final class FakeOpenAi implements AutoCloseable {

    /** what the next request gets. */
    public sealed interface Reply {
        record Content(String text) implements Reply {
        }

        record Slow(Duration delay, String text) implements Reply {
        }

        record Status(int code, String body) implements Reply {
        }

        /** an answer that stopped at a limit: finish_reason length after {@code tokens} tokens. */
        record Cut(String text, int tokens) implements Reply {
        }
    }

    /** one request as it arrived. */
    public record Request(JsonNode body, Map<String, List<String>> headers) {
        /** the text of the last message (the newest user turn). */
        public String lastMessage() {
            JsonNode messages = body.path("messages");
            return messages.get(messages.size() - 1).path("content").asText();
        }
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Deque<Reply> replies = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();

    private FakeOpenAi(int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/v1/chat/completions", this::chat);
        server.createContext("/v1/models", ex -> send(ex, 200, "{\"object\":\"list\",\"data\":[{\"id\":\"fake\",\"object\":\"model\"}]}"));
        server.setExecutor(pool);
        server.start();
    }

    public static FakeOpenAi start() throws IOException {
        return new FakeOpenAi(0);
    }

    /** for a field a test closes with {@code @AutoClose}: one server per test, no setup methods. */
    public static FakeOpenAi started() {
        try {
            return start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** on a given port, for a server that llmsh launches itself (the cli tests use this class too). */
    public static FakeOpenAi start(int port) throws IOException {
        return new FakeOpenAi(port);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    public synchronized FakeOpenAi answer(String... contents) {
        for (String c : contents) {
            replies.add(new Reply.Content(c));
        }
        return this;
    }

    public synchronized FakeOpenAi reply(Reply reply) {
        replies.add(reply);
        return this;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    public Request request(int index) {
        return requests().get(index);
    }

    private void chat(HttpExchange ex) throws IOException {
        JsonNode body = Json.mapper().readTree(ex.getRequestBody().readAllBytes());
        Reply reply;
        synchronized (this) {
            requests.add(new Request(body, Map.copyOf(ex.getRequestHeaders())));
            reply = replies.poll();
        }
        switch (reply) {
            case null -> send(ex, 500, "{\"error\":{\"message\":\"no scripted reply left\"}}");
            case Reply.Content c -> send(ex, 200, completion(c.text(), "stop", 10));
            case Reply.Cut c -> send(ex, 200, completion(c.text(), "length", c.tokens()));
            case Reply.Slow s -> {
                try {
                    Thread.sleep(s.delay());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                send(ex, 200, completion(s.text(), "stop", 10));
            }
            case Reply.Status s -> send(ex, s.code(), s.body());
        }
    }

    private static String completion(String content, String finish, int tokens) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1_700_000_000L).put("model", "fake");
        ObjectNode choice = root.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("message").put("role", "assistant").put("content", content);
        choice.put("finish_reason", finish);
        root.putObject("usage").put("prompt_tokens", 10).put("completion_tokens", tokens).put("total_tokens", 10 + tokens);
        return Json.write(root);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        } catch (IOException clientGone) {
            // the client timed out and closed the connection; nothing to tell it
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
