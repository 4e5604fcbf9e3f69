package dev.llmos.daemon;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.engine.json.Json;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;

/**
 * one request line, judged strictly before anything acts on it: valid utf-8, json with each key
 * once, a json-rpc 2.0 object whose {@code jsonrpc} is the string "2.0", a known method, params
 * that fit the method's record. every input becomes exactly one of these, never an exception.
 */
sealed interface Incoming {

    /** a well-formed request to answer. */
    record Call(JsonNode id, Method method, Params params) implements Incoming {
    }

    /** no id: json-rpc forbids an answer, and llm-osd defines no notifications, so it has no effect. */
    record Notification(String method) implements Incoming {
    }

    /** answered with this error; {@code id} is null when it could not be read. */
    record Invalid(JsonNode id, RpcError error) implements Incoming {
    }

    Set<String> MEMBERS = Set.of("jsonrpc", "id", "method", "params");
    String SHAPE = "a request is {\"jsonrpc\": \"2.0\", \"id\": ..., \"method\": \"...\", \"params\": {...}}";

    ObjectMapper STRICT = Json.mapper().copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    static Incoming read(byte[] line) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line)).toString();
        } catch (MalformedInputException e) {
            return invalid(null, "the request is not valid utf-8 (" + e.getInputLength() + " bad byte(s)); nothing was done");
        } catch (CharacterCodingException e) {
            return invalid(null, "the request is not valid utf-8; nothing was done");
        }
        JsonNode request;
        try {
            request = STRICT.readTree(text);
        } catch (JsonProcessingException e) {
            String message = e.getOriginalMessage();
            if (message != null && message.startsWith("Duplicate field")) {
                return invalid(null, "duplicate key " + message.substring("Duplicate field ".length())
                        + " at column " + e.getLocation().getColumnNr() + ": each key may appear once; nothing was done");
            }
            return new Invalid(NullNode.instance, new RpcError(RpcError.PARSE_ERROR, "malformed json: " + firstLine(message)));
        }
        if (request == null || request.isMissingNode()) {
            return new Invalid(NullNode.instance, new RpcError(RpcError.PARSE_ERROR, "malformed json: empty"));
        }
        if (request.isArray()) {
            return invalid(null, "batches are not supported: send one request object per line");
        }
        if (!request.isObject()) {
            return invalid(null, SHAPE);
        }
        JsonNode id = request.get("id");
        if (id != null && !(id.isTextual() || id.isIntegralNumber() || id.isNull())) {
            return invalid(null, "id must be a string, an integer or null");
        }
        for (Iterator<String> names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!MEMBERS.contains(name)) {
                return invalid(id, "unknown member \"" + name + "\"; " + SHAPE);
            }
        }
        JsonNode version = request.get("jsonrpc");
        if (version == null || !version.isTextual() || !"2.0".equals(version.textValue())) {
            return invalid(id, "jsonrpc must be the string \"2.0\", got " + (version == null ? "nothing" : version.toString()));
        }
        JsonNode name = request.get("method");
        if (name == null || !name.isTextual()) {
            return invalid(id, "method must be a string; " + SHAPE);
        }
        if (id == null) {
            return new Notification(name.textValue());
        }
        Method method = Method.of(name.textValue()).orElse(null);
        if (method == null) {
            return new Invalid(id, new RpcError(RpcError.METHOD_NOT_FOUND, "unknown method " + name.textValue()
                    + " (known: " + Method.known() + ")"));
        }
        JsonNode params = request.get("params");
        if (params != null && !params.isObject()) {
            return new Invalid(id, new RpcError(RpcError.INVALID_PARAMS, "params must be an object"));
        }
        try {
            return new Call(id, method, STRICT.treeToValue(params == null ? STRICT.createObjectNode() : params, method.params()));
        } catch (UnrecognizedPropertyException e) {
            return new Invalid(id, new RpcError(RpcError.INVALID_PARAMS, "unknown member \"" + e.getPropertyName()
                    + "\" in params of " + method.wire() + " (known: " + known(e) + ")"));
        } catch (ValueInstantiationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return new Invalid(id, new RpcError(RpcError.INVALID_PARAMS, method.wire() + ": " + cause.getMessage()));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            return new Invalid(id, new RpcError(RpcError.INVALID_PARAMS, method.wire() + ": bad params: " + firstLine(message)));
        }
    }

    private static Invalid invalid(JsonNode id, String message) {
        return new Invalid(id == null ? NullNode.instance : id, new RpcError(RpcError.INVALID_REQUEST, message));
    }

    private static String known(UnrecognizedPropertyException e) {
        return e.getKnownPropertyIds() == null || e.getKnownPropertyIds().isEmpty() ? "none"
                : String.join(", ", e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList());
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }
}
