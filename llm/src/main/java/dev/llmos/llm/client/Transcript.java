package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.util.List;

/**
 * the recording format: one json object per line, one line per model turn. the request is kept only
 * as a digest, so a recording holds the model's answers (plans) and never the results fed back.
 *
 * <pre>{"version":1,"turn":1,"request_sha256":"9f2c...","response":"{\"version\":1,...}"}</pre>
 *
 * @param turn counted from 1 in the order the requests were made
 * @param requestSha256 sha-256 of the canonical json of the messages and the schema
 */
public record Transcript(int version, int turn, String requestSha256, String response) {

    public static final int VERSION = 1;

    public static Transcript of(int turn, List<Message> messages, ObjectNode schema, String response) {
        return new Transcript(VERSION, turn, digest(messages, schema), response);
    }

    /** what identifies a request: the same messages and schema give the same digest. */
    public static String digest(List<Message> messages, ObjectNode schema) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.set("messages", Json.tree(messages));
        request.set("schema", schema);
        return Json.sha256(Json.canonical(request));
    }

    public String line() {
        return Json.canonical(Json.tree(this));
    }

    static Transcript parse(JsonNode node) {
        if (node.path("version").asInt() != VERSION || !node.path("turn").canConvertToInt()
                || !node.path("response").isTextual()) {
            throw new IllegalArgumentException("expected {\"version\":1,\"turn\":N,\"request_sha256\":...,\"response\":...}");
        }
        return new Transcript(VERSION, node.get("turn").asInt(), node.path("request_sha256").asText(""),
                node.get("response").asText());
    }
}
