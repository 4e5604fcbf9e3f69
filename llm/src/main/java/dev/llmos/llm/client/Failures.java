package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.exception.HttpException;
import dev.llmos.engine.json.Json;
import dev.llmos.llm.client.ModelException.Kind;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * turns what the http stack throws into one sentence a person can act on, and a {@link Kind}.
 * langchain4j wraps the jdk's exceptions differently per failure, so the cause chain is searched
 * rather than the outer type; a refusal is told apart by the words of its body, since servers agree
 * on no error codes.
 */
final class Failures {

    static final String DOCS = "docs/models.md";
    private static final Pattern TOKENS = Pattern.compile("\\((\\d+) tokens\\)");

    private Failures() {
    }

    static ModelException explain(RuntimeException e, String baseUrl, Duration timeout) {
        HttpException http = find(e, HttpException.class);
        if (http != null) {
            return refused(http.statusCode(), http.getMessage(), baseUrl, e);
        }
        if (find(e, HttpConnectTimeoutException.class) != null) {
            return new ModelException(Kind.UNREACHABLE, "cannot connect to the model server at " + baseUrl
                    + " (connection timed out); check base_url and that the server is up", e);
        }
        if (find(e, HttpTimeoutException.class) != null || find(e, java.util.concurrent.TimeoutException.class) != null
                || find(e, dev.langchain4j.exception.TimeoutException.class) != null) {
            return new ModelException(Kind.TIMEOUT, "the model server at " + baseUrl + " did not answer within "
                    + seconds(timeout) + " (timeout_sec); a slow model may need a longer timeout, or a lower max_tokens", e);
        }
        if (find(e, ConnectException.class) != null) {
            return new ModelException(Kind.UNREACHABLE, "cannot reach the model server at " + baseUrl
                    + " (connection refused); is it running? check base_url, or configure launch to start one", e);
        }
        if (find(e, UnknownHostException.class) != null || find(e, UnresolvedAddressException.class) != null) {
            return new ModelException(Kind.UNREACHABLE, "cannot resolve the host of " + baseUrl + "; check base_url", e);
        }
        if (gone(e)) {
            return serverGone(baseUrl, "closed the connection before answering (" + rootMessage(e) + ")", e);
        }
        return new ModelException(Kind.SERVER_ERROR, "the request to the model server at " + baseUrl + " failed: "
                + rootMessage(e), e);
    }

    /** the server stopped or crashed while a request was open. */
    static ModelException serverGone(String baseUrl, String what, Throwable cause) {
        return new ModelException(Kind.SERVER_GONE, "the model server at " + baseUrl + " " + what
                + "; it was stopped or crashed during the request (check its log, and that nothing else stops it)", cause);
    }

    /** an http error answer, named by what its body says. */
    static ModelException refused(int status, String body, String baseUrl, Throwable cause) {
        String text = message(body);
        String lower = text.toLowerCase(Locale.ROOT);
        String at = "the model server at " + baseUrl;
        if (overflow(lower)) {
            return new ModelException(Kind.CONTEXT_OVERFLOW, at + " refused the request: it does not fit the model's context"
                    + sizes(body, text) + "; give the server a larger context (llama-server -c, ollama num_ctx) or lower"
                    + " max_tokens and result_chars (" + DOCS + ")", cause);
        }
        if (status == 401 || status == 403) {
            return new ModelException(Kind.AUTH, at + " answered http " + status
                    + " (the api key is missing or wrong; check api_key_env): " + excerpt(text), cause);
        }
        if ((lower.contains("response_format") || lower.contains("json_schema") || lower.contains("structured output"))
                && (lower.contains("not supported") || lower.contains("unsupported") || lower.contains("must be one of")
                || lower.contains("unknown") || lower.contains("unrecognized"))) {
            return new ModelException(Kind.FORMAT_UNSUPPORTED, at + " does not accept response_format json_schema (http "
                    + status + "): " + excerpt(text) + "; llm-os needs a server with structured output (" + DOCS + ")", cause);
        }
        if (lower.contains("schema") || lower.contains("grammar")) {
            return new ModelException(Kind.SCHEMA_REFUSED, at + " refused the plan's json schema (http " + status + "): "
                    + excerpt(text) + "; the server's structured output cannot take this schema (" + DOCS + ")", cause);
        }
        return new ModelException(Kind.SERVER_ERROR, at + " answered http " + status + hint(status) + ": " + excerpt(text), cause);
    }

    private static boolean overflow(String lower) {
        return lower.contains("exceed_context_size") || lower.contains("exceeds the available context")
                || lower.contains("context_length_exceeded") || lower.contains("maximum context length")
                || lower.contains("context window") || lower.contains("prompt is too long");
    }

    /** llama-server says both numbers; others at least one in words. */
    private static String sizes(String body, String text) {
        JsonNode error = parse(body).path("error");
        if (error.path("n_prompt_tokens").canConvertToInt() && error.path("n_ctx").canConvertToInt()) {
            return " (" + error.get("n_prompt_tokens").asInt() + " tokens asked, " + error.get("n_ctx").asInt() + " available)";
        }
        Matcher m = TOKENS.matcher(text);
        return m.find() ? " (" + excerpt(text) + ")" : "";
    }

    private static boolean gone(Throwable e) {
        if (find(e, EOFException.class) != null || find(e, ClosedChannelException.class) != null) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if ((t instanceof IOException || t instanceof SocketException || t instanceof RuntimeException)
                    && (m.contains("connection reset") || m.contains("received no bytes") || m.contains("broken pipe")
                    || m.contains("connection closed") || m.contains("eof reached"))) {
                return true;
            }
        }
        return false;
    }

    private static String hint(int status) {
        return switch (status) {
            case 404 -> " (wrong base_url or model name)";
            case 400 -> " (the server refused the request)";
            case 429 -> " (rate limited)";
            case 503 -> " (the server is not ready, perhaps still loading the model)";
            default -> "";
        };
    }

    /** the error's own message when the body is openai-style json, else the body. */
    private static String message(String body) {
        if (body == null) {
            return "(no body)";
        }
        JsonNode m = parse(body).path("error").path("message");
        return m.isTextual() ? m.asText() : body;
    }

    private static JsonNode parse(String body) {
        try {
            JsonNode node = Json.mapper().readTree(body == null ? "" : body);
            return node == null ? Json.mapper().missingNode() : node;
        } catch (IOException notJson) {
            return Json.mapper().missingNode();
        }
    }

    static String excerpt(String text) {
        if (text == null) {
            return "(no body)";
        }
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : String.format("%.1f s", d.toMillis() / 1000.0);
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return t.getClass().getSimpleName() + (m == null ? "" : ": " + excerpt(m));
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
