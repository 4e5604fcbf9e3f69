package dev.llmos.cli.ask;

import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * the model settings a command line may give. values stay text so the model config loader checks
 * them the same way whether they come from a flag, the environment or the config file.
 */
public final class ModelOptions {

    @Option(names = "--base-url", paramLabel = "URL",
            description = "the OpenAI-compatible endpoint, ending in /v1; default: $LLMOS_BASE_URL, base_url in the model config, "
                    + "http://127.0.0.1:8080/v1")
    String baseUrl;

    @Option(names = "--model", paramLabel = "NAME", description = "the model name the server expects; default: $LLMOS_MODEL, model, local")
    String model;

    @Option(names = "--api-key-env", paramLabel = "VAR",
            description = "the environment variable holding the api key (never the key itself); default: LLMOS_API_KEY")
    String apiKeyEnv;

    @Option(names = "--temperature", paramLabel = "T", description = "sampling temperature, 0 to 2; default 0")
    String temperature;

    @Option(names = "--timeout", paramLabel = "SEC", description = "longest one model request may take; default 120")
    String timeout;

    @Option(names = "--max-tokens", paramLabel = "N",
            description = "longest answer asked of the model (max_tokens); default: $LLMOS_MAX_TOKENS, max_tokens, 2048")
    String maxTokens;

    @Option(names = "--max-steps", paramLabel = "N", description = "most actionplans one request may run before the model must answer; default 8")
    String maxSteps;

    @Option(names = "--llm-config", paramLabel = "FILE",
            description = "model config file (json or properties); default: $LLMOS_LLM_CONFIG, ~/.config/llm-os/llm.json, /etc/llm-os/llm.json")
    Path llmConfig;

    @Option(names = "--replay", paramLabel = "FILE", description = "answer from a recording instead of a model (no network)")
    Path replay;

    @Option(names = "--record", paramLabel = "FILE", description = "save every model answer to FILE (jsonl) for a later --replay")
    Path record;

    /** the settings given as flags, by their config key; absent ones are left out. */
    Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        put(flags, "base_url", baseUrl);
        put(flags, "model", model);
        put(flags, "api_key_env", apiKeyEnv);
        put(flags, "temperature", temperature);
        put(flags, "timeout_sec", timeout);
        put(flags, "max_steps", maxSteps);
        put(flags, "max_tokens", maxTokens);
        return flags;
    }

    private static void put(Map<String, String> flags, String key, String value) {
        if (value != null) {
            flags.put(key, value);
        }
    }
}
