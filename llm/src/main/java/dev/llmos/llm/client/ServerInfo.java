package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * what a server says about itself beyond chat completions: its context size (llama-server's
 * {@code /props}, ollama's {@code /api/show}), real token counts (llama-server's {@code /tokenize}),
 * and whether it still answers at all (its health url). every question is short and bounded; a
 * server that cannot answer one is simply not asked again.
 */
final class ServerInfo {

    private static final Logger LOG = LoggerFactory.getLogger(ServerInfo.class);
    private static final Duration ASK = Duration.ofSeconds(3);
    private static final Pattern NUM_CTX = Pattern.compile("(?m)^\\s*num_ctx\\s+(\\d+)");
    /** a rough count where the server cannot tokenize: json and english run about 3-4 characters a token. */
    private static final int CHARS_PER_TOKEN = 3;

    private final HttpClient http;
    private final String root;
    private final String model;
    private final URI health;
    private final Supplier<Map<String, String>> headers;
    private final Map<String, Integer> counted = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > 256;
        }
    };
    private OptionalInt context;
    private boolean tokenizes = true;
    private volatile boolean answeredHealth;

    ServerInfo(HttpClient http, String baseUrl, String model, URI health, Supplier<Map<String, String>> headers) {
        this.http = http;
        this.root = baseUrl.replaceFirst("/v1/?$", "");
        this.model = model;
        this.health = health;
        this.headers = headers;
    }

    /** the context the server gives one request, when it says; asked once. */
    synchronized OptionalInt contextTokens() {
        if (context == null) {
            context = llamaProps();
            if (context.isEmpty()) {
                context = ollamaShow();
            }
            LOG.debug("context of the model at {}: {}", root, context.isPresent() ? context.getAsInt() + " tokens" : "not said");
        }
        return context;
    }

    /** tokens in {@code text}: counted by the server where it can, else estimated on the high side. */
    synchronized int tokens(String text) {
        Integer known = counted.get(text);
        if (known != null) {
            return known;
        }
        int n = tokenizes ? tokenize(text) : -1;
        if (n < 0) {
            tokenizes = false;
            n = text.length() / CHARS_PER_TOKEN + 1;
        }
        counted.put(text, n);
        return n;
    }

    /**
     * whether the server still answers its health url. any http answer counts (a 401 or 503 is
     * alive); only a refused or silent connection does not.
     */
    boolean alive() {
        try {
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
            http.send(request, HttpResponse.BodyHandlers.discarding());
            answeredHealth = true;
            return true;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    URI health() {
        return health;
    }

    /** a probe failure means something only if the health url answered before: it may simply be wrong. */
    boolean answeredHealth() {
        return answeredHealth;
    }

    private OptionalInt llamaProps() {
        JsonNode props = ask(HttpRequest.newBuilder(URI.create(root + "/props")).GET());
        JsonNode n = props.path("default_generation_settings").path("n_ctx");
        return n.canConvertToInt() && n.asInt() > 0 ? OptionalInt.of(n.asInt()) : OptionalInt.empty();
    }

    /** ollama runs a model with num_ctx when its parameters say, else with its own default: then unknown. */
    private OptionalInt ollamaShow() {
        String body = Json.write(Json.mapper().createObjectNode().put("model", model));
        JsonNode show = ask(HttpRequest.newBuilder(URI.create(root + "/api/show")).POST(HttpRequest.BodyPublishers.ofString(body)));
        Matcher m = NUM_CTX.matcher(show.path("parameters").asText(""));
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    private int tokenize(String text) {
        String body = Json.write(Json.mapper().createObjectNode().put("content", text));
        JsonNode tokens = ask(HttpRequest.newBuilder(URI.create(root + "/tokenize")).POST(HttpRequest.BodyPublishers.ofString(body)))
                .path("tokens");
        return tokens.isArray() ? tokens.size() : -1;
    }

    private JsonNode ask(HttpRequest.Builder request) {
        try {
            request.timeout(ASK).header("Content-Type", "application/json");
            headers.get().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Json.mapper().missingNode();
            }
            JsonNode node = Json.mapper().readTree(response.body());
            return node == null ? Json.mapper().missingNode() : node;
        } catch (IOException e) {
            return Json.mapper().missingNode();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Json.mapper().missingNode();
        }
    }
}
