package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.jdk.JdkHttpClient;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.llmos.engine.json.Json;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * any openai-compatible chat-completions server (llama-server, ollama, vllm, openai) through
 * langchain4j. every request carries the schema as a strict {@code response_format} json_schema.
 * the api key is read from its supplier for each request and sent as a header, so it is never held
 * by the client, never in its configuration and never logged.
 */
public final class OpenAiModelClient implements ModelClient {

    /** the json_schema name servers see; openai requires one. */
    public static final String SCHEMA_NAME = "llmos_plan";

    private final String baseUrl;
    private final Duration timeout;
    private final OpenAiChatModel model;

    /**
     * @param apiKey read on every request; empty sends no authorization header (local servers)
     */
    public OpenAiModelClient(String baseUrl, String modelName, Supplier<Optional<String>> apiKey, double temperature,
                             Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        // http/1.1: the jdk client's default h2c upgrade confuses some local servers (tech-notes)
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))));
        this.model = OpenAiChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(http)
                        .connectTimeout(Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds()))))
                        .readTimeout(timeout))
                .baseUrl(baseUrl)
                .modelName(modelName)
                .temperature(temperature)
                .strictJsonSchema(true)
                .timeout(timeout)
                // one answer per call: the planner's repair loop is the retry, and a timeout should not triple
                .maxRetries(0)
                .customHeaders(() -> apiKey.get().map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of()))
                .build();
    }

    @Override
    public String complete(List<Message> messages, ObjectNode schema) {
        ResponseFormat format = ResponseFormat.builder()
                .type(ResponseFormatType.JSON)
                .jsonSchema(JsonSchema.builder().name(SCHEMA_NAME).rootElement(JsonRawSchema.from(Json.write(schema))).build())
                .build();
        ChatRequest request = ChatRequest.builder()
                .messages(messages.stream().map(OpenAiModelClient::toChat).toList())
                .responseFormat(format)
                .build();
        ChatResponse response;
        try {
            response = model.chat(request);
        } catch (RuntimeException e) {
            throw Failures.explain(e, baseUrl, timeout);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (text == null || text.isBlank()) {
            throw new ModelException("the model server at " + baseUrl + " answered with no text (finish reason: "
                    + response.finishReason() + ")");
        }
        return text;
    }

    @Override
    public String describe() {
        return baseUrl;
    }

    private static ChatMessage toChat(Message m) {
        return switch (m.role()) {
            case SYSTEM -> SystemMessage.from(m.text());
            case USER -> UserMessage.from(m.text());
            case ASSISTANT -> AiMessage.from(m.text());
        };
    }
}
