package dev.llmos.llm;

import dev.llmos.llm.client.OpenAiModelClient;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * how to reach the model and how far to trust it. built by {@link ModelConfigLoader} from flags,
 * environment, a config file and defaults. the api key itself is never held here: only the name of
 * the environment variable that holds it, read at the moment a request is made.
 *
 * @param baseUrl the openai-compatible endpoint, ending in {@code /v1}
 * @param model the model name the server expects (llama-server ignores it, ollama and openai do not)
 * @param apiKeyEnv the environment variable holding the api key; unset means no key (local servers)
 * @param temperature 0 by default, so the same prompt tends to give the same plan
 * @param timeout for one model request, end to end
 * @param maxRepairs how many times an invalid answer is sent back with its errors before giving up
 * @param maxSteps the most plans one prompt may lead to, the final answer included
 * @param launch argv of a local model server started on the first request; empty for none
 * @param healthUrl polled until it answers 200 after a launch; defaults to {@code baseUrl/models}
 * @param warm how long a launched server stays up after the last request
 * @param startTimeout how long a launched server may take to become healthy
 * @param redact extra regular expressions whose matches are hidden from the model (the defaults always apply)
 * @param resultChars the most characters of one output stream fed back to the model
 * @param maxTokens the longest answer asked of the model ({@code max_tokens} of every request)
 * @param contextTokens the model's context when the server does not say it; 0 for unknown
 */
public record ModelConfig(
        String baseUrl,
        String model,
        String apiKeyEnv,
        double temperature,
        Duration timeout,
        int maxRepairs,
        int maxSteps,
        List<String> launch,
        String healthUrl,
        Duration warm,
        Duration startTimeout,
        List<String> redact,
        int resultChars,
        int maxTokens,
        int contextTokens) {

    public static final String DEFAULT_BASE_URL = "http://127.0.0.1:8080/v1";
    public static final String DEFAULT_MODEL = "local";
    public static final String DEFAULT_API_KEY_ENV = "LLMOS_API_KEY";

    public ModelConfig {
        launch = List.copyOf(launch);
        redact = List.copyOf(redact);
        if (healthUrl == null || healthUrl.isBlank()) {
            healthUrl = stripSlash(baseUrl) + "/models";
        }
    }

    /** the defaults: a llama-server on its default port, no launch command. */
    public static ModelConfig defaults() {
        return new ModelConfig(DEFAULT_BASE_URL, DEFAULT_MODEL, DEFAULT_API_KEY_ENV, 0.0, Duration.ofSeconds(120),
                2, 8, List.of(), null, Duration.ofMinutes(5), Duration.ofSeconds(120), List.of(), 8000,
                OpenAiModelClient.DEFAULT_MAX_TOKENS, 0);
    }

    /** the api key, read from the environment now; empty when the variable is unset or blank. */
    public Optional<String> apiKey() {
        return apiKey(System.getenv());
    }

    public Optional<String> apiKey(Map<String, String> env) {
        return Optional.ofNullable(env.get(apiKeyEnv)).filter(k -> !k.isBlank());
    }

    public URI health() {
        return URI.create(healthUrl);
    }

    /** whether a model server is started on demand. */
    public boolean launches() {
        return !launch.isEmpty();
    }

    public ModelConfig withBaseUrl(String url) {
        return new ModelConfig(url, model, apiKeyEnv, temperature, timeout, maxRepairs, maxSteps, launch, null, warm,
                startTimeout, redact, resultChars, maxTokens, contextTokens);
    }

    public ModelConfig withTimeout(Duration value) {
        return new ModelConfig(baseUrl, model, apiKeyEnv, temperature, value, maxRepairs, maxSteps, launch, healthUrl,
                warm, startTimeout, redact, resultChars, maxTokens, contextTokens);
    }

    public ModelConfig withLimits(int repairs, int steps) {
        return new ModelConfig(baseUrl, model, apiKeyEnv, temperature, timeout, repairs, steps, launch, healthUrl,
                warm, startTimeout, redact, resultChars, maxTokens, contextTokens);
    }

    public ModelConfig withTokens(int max, int context) {
        return new ModelConfig(baseUrl, model, apiKeyEnv, temperature, timeout, maxRepairs, maxSteps, launch, healthUrl,
                warm, startTimeout, redact, resultChars, max, context);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
