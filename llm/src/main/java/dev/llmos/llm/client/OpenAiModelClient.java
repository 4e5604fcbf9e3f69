package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.JsonNode;
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
import dev.langchain4j.model.openai.OpenAiChatResponseMetadata;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import dev.llmos.engine.json.Json;
import dev.llmos.llm.client.ModelException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Supplier;

/**
 * any openai-compatible chat-completions server (llama-server, ollama, vllm, openai) through
 * langchain4j. every request carries the schema as a strict {@code response_format} json_schema and
 * a {@code max_tokens}, and the answer's finish reason is read: an answer cut at the limit is said to
 * be cut, not handed on as broken json. while a request is open, the server's health url is probed
 * ({@link Watch}), so a server that dies or stops answering is noticed within seconds instead of at
 * the end of timeout_sec. the api key is read from its supplier for each request and sent as a
 * header, so it is never held by the client, never in its configuration and never logged.
 */
public final class OpenAiModelClient implements ModelClient {

    /** the json_schema name servers see; openai requires one. */
    public static final String SCHEMA_NAME = "llmos_plan";
    /** room for a plan of a dozen actions in the strict shape (every optional field written as null). */
    public static final int DEFAULT_MAX_TOKENS = 2048;

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiModelClient.class);

    private final String baseUrl;
    private final Duration timeout;
    private final int maxTokens;
    private final OpenAiChatModel model;
    private final ServerInfo server;

    public OpenAiModelClient(String baseUrl, String modelName, Supplier<Optional<String>> apiKey, double temperature,
                             Duration timeout) {
        this(baseUrl, modelName, apiKey, temperature, timeout, DEFAULT_MAX_TOKENS, URI.create(baseUrl + "/models"));
    }

    /**
     * @param apiKey read on every request; empty sends no authorization header (local servers)
     * @param maxTokens the longest answer asked for
     * @param health probed while a request is open
     */
    public OpenAiModelClient(String baseUrl, String modelName, Supplier<Optional<String>> apiKey, double temperature,
                             Duration timeout, int maxTokens, URI health) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.maxTokens = maxTokens;
        Duration connect = Duration.ofSeconds(Math.min(10, Math.max(1, timeout.toSeconds())));
        // http/1.1: the jdk client's default h2c upgrade confuses some local servers (tech-notes)
        HttpClient.Builder http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connect);
        Supplier<Map<String, String>> headers = () -> apiKey.get().map(k -> Map.of("Authorization", "Bearer " + k)).orElse(Map.of());
        this.server = new ServerInfo(http.build(), baseUrl, modelName, health, headers);
        this.model = OpenAiChatModel.builder()
                .httpClientBuilder(JdkHttpClient.builder().httpClientBuilder(http).connectTimeout(connect).readTimeout(timeout))
                .baseUrl(baseUrl)
                .modelName(modelName)
                .temperature(temperature)
                .strictJsonSchema(true)
                .timeout(timeout)
                // one answer per call: the planner's repair loop is the retry, and a timeout should not triple
                .maxRetries(0)
                .customHeaders(headers)
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
                .maxOutputTokens(maxTokens)
                .build();
        long t0 = System.nanoTime();
        ChatResponse response;
        try {
            response = new Watch(server, baseUrl).call(() -> model.chat(request));
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Failures.explain(e, baseUrl, timeout);
        }
        long millis = (System.nanoTime() - t0) / 1_000_000;
        TokenUsage usage = response.tokenUsage();
        Integer out = usage == null ? null : usage.outputTokenCount();
        LOG.debug("answer from {} in {} ms: finish {}, tokens in {}, out {}{}", baseUrl, millis, response.finishReason(),
                usage == null ? "?" : usage.inputTokenCount(), out == null ? "?" : out, timings(response));
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        if (response.finishReason() == FinishReason.LENGTH) {
            throw cut(out == null ? maxTokens : out);
        }
        if (text == null || text.isBlank()) {
            throw new ModelException(Kind.SERVER_ERROR, "the model server at " + baseUrl + " answered with no text (finish reason: "
                    + response.finishReason() + ")");
        }
        return text;
    }

    @Override
    public String describe() {
        return baseUrl;
    }

    @Override
    public OptionalInt contextTokens() {
        return server.contextTokens();
    }

    @Override
    public int tokens(String text) {
        return server.tokens(text);
    }

    /** cut at max_tokens (raise it, or the model is stuck), or earlier at the end of the server's context. */
    private ModelException cut(int tokens) {
        if (tokens < maxTokens) {
            return new ModelException(Kind.ANSWER_CUT, "the model's answer was cut at " + tokens + " tokens: the server's context"
                    + " was full before max_tokens (" + maxTokens + ") was reached; give the server a larger context"
                    + " (llama-server -c, ollama num_ctx) or start a new conversation");
        }
        return new ModelException(Kind.ANSWER_CUT, "the model's answer was cut at " + tokens + " tokens (max_tokens) before"
                + " it was complete; a plan that long is unusual: the model may be repeating itself (try another model or"
                + " temperature), or raise --max-tokens (max_tokens in the model config)");
    }

    /** llama-server's own timings (prompt and generation speed), when it sends them. */
    private static String timings(ChatResponse response) {
        if (!LOG.isDebugEnabled() || !(response.metadata() instanceof OpenAiChatResponseMetadata meta)
                || meta.rawHttpResponse() == null) {
            return "";
        }
        try {
            JsonNode t = Json.mapper().readTree(meta.rawHttpResponse().body()).path("timings");
            if (t.isMissingNode()) {
                return "";
            }
            return String.format("; server: prompt %d tokens in %.0f ms, answer %d tokens in %.0f ms (%.1f tokens/s)",
                    t.path("prompt_n").asInt(), t.path("prompt_ms").asDouble(), t.path("predicted_n").asInt(),
                    t.path("predicted_ms").asDouble(), t.path("predicted_per_second").asDouble());
        } catch (java.io.IOException | RuntimeException unreadable) {
            return "";
        }
    }

    private static ChatMessage toChat(Message m) {
        return switch (m.role()) {
            case SYSTEM -> SystemMessage.from(m.text());
            case USER -> UserMessage.from(m.text());
            case ASSISTANT -> AiMessage.from(m.text());
        };
    }
}
