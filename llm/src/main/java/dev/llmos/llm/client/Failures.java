package dev.llmos.llm.client;

import dev.langchain4j.exception.HttpException;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;

/**
 * turns what the http stack throws into one sentence a person can act on. langchain4j wraps the jdk's
 * exceptions differently per failure, so the cause chain is searched rather than the outer type.
 */
final class Failures {

    private Failures() {
    }

    static ModelException explain(RuntimeException e, String baseUrl, Duration timeout) {
        HttpException http = find(e, HttpException.class);
        if (http != null) {
            return new ModelException("the model server at " + baseUrl + " answered http " + http.statusCode()
                    + hint(http.statusCode()) + ": " + excerpt(http.getMessage()), e);
        }
        if (find(e, HttpConnectTimeoutException.class) != null) {
            return new ModelException("cannot connect to the model server at " + baseUrl
                    + " (connection timed out); check base_url and that the server is up", e);
        }
        if (find(e, HttpTimeoutException.class) != null || find(e, java.util.concurrent.TimeoutException.class) != null
                || find(e, dev.langchain4j.exception.TimeoutException.class) != null) {
            return new ModelException("the model server at " + baseUrl + " did not answer within "
                    + seconds(timeout) + " (timeout_sec); a slow model may need a longer timeout", e);
        }
        if (find(e, ConnectException.class) != null) {
            return new ModelException("cannot reach the model server at " + baseUrl
                    + " (connection refused); is it running? check base_url, or configure launch to start one", e);
        }
        if (find(e, UnknownHostException.class) != null || find(e, UnresolvedAddressException.class) != null) {
            return new ModelException("cannot resolve the host of " + baseUrl + "; check base_url", e);
        }
        return new ModelException("the request to the model server at " + baseUrl + " failed: " + rootMessage(e), e);
    }

    private static String hint(int status) {
        return switch (status) {
            case 401, 403 -> " (the api key is missing or wrong; check api_key_env)";
            case 404 -> " (wrong base_url or model name)";
            case 400 -> " (the server refused the request; it may not support json_schema output, see docs/models.md)";
            case 429 -> " (rate limited)";
            case 503 -> " (the server is not ready, perhaps still loading the model)";
            default -> "";
        };
    }

    private static String excerpt(String text) {
        if (text == null) {
            return "(no body)";
        }
        String one = text.replaceAll("\\s+", " ").strip();
        return one.length() > 300 ? one.substring(0, 300) + "..." : one;
    }

    private static String seconds(Duration d) {
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
