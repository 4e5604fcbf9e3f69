package dev.llmos.llm;

import java.util.List;

/**
 * the keys of the model config file ({@code llm.json}), as {@link dev.llmos.engine.config.ConfigLoader}
 * binds them: snake_case in the file, null when left out. the names are also the flags
 * ({@code --base-url}) and variables ({@code LLMOS_BASE_URL}); docs/models.md says what each does.
 * there is no {@code api_key}: a key never goes in a file, only the name of the variable holding it.
 *
 * @param launch the argv of a local server started on demand, as a json list
 * @param redact extra regular expressions hidden from the model
 */
public record ModelConfigFile(String baseUrl, String model, String apiKeyEnv, Double temperature, Double timeoutSec,
                              Integer maxRepairs, Integer maxSteps, List<String> launch, String healthUrl, Double warmSec,
                              Double startTimeoutSec, List<String> redact, Integer resultChars, Integer maxTokens,
                              Integer contextTokens) {

    public ModelConfigFile {
        launch = launch == null ? null : List.copyOf(launch);
        redact = redact == null ? null : List.copyOf(redact);
    }
}
