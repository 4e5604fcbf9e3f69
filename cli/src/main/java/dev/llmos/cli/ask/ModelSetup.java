package dev.llmos.cli.ask;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Env;
import dev.llmos.llm.ModelConfig;
import dev.llmos.llm.ModelConfigLoader;
import dev.llmos.llm.Models;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;
import dev.llmos.llm.server.Progress;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * the model a command talks to: flags, then environment, then the model config file, then defaults
 * (through {@link ModelConfigLoader}), or a recording. every problem with these settings is bad
 * input and points to docs/models.md, where working settings for each server are.
 *
 * @param configured whether anything named a server; if not, the default was guessed
 * @param replay a recording to answer from instead of a model, or null
 * @param record where to save the model's answers, or null
 */
record ModelSetup(ModelConfig config, boolean configured, Path replay, Path record) {

    static final String DOCS = "docs/models.md";

    static ModelSetup resolve(ModelOptions options, Env env) {
        if (options.replay != null && options.record != null) {
            throw new BadInputException("--replay and --record do not go together: a replay asks no model, so there is nothing to record");
        }
        Map<String, String> flags = options.flags();
        for (String key : new String[]{"base_url", "model"}) {
            if (flags.containsKey(key) && flags.get(key).isBlank()) {
                throw missing(key);
            }
        }
        try {
            Path named = options.llmConfig == null ? null : env.cwd().resolve(options.llmConfig);
            Optional<Path> file = ModelConfigLoader.locate(named, env.vars(), env.home());
            ModelConfig config = ModelConfigLoader.load(flags, env.vars(), file);
            if (config.model().isBlank()) {
                throw missing("model");
            }
            boolean configured = file.isPresent() || flags.containsKey("base_url")
                    || env.var(ModelConfigLoader.envName("base_url")).isPresent();
            return new ModelSetup(config, configured, resolve(env, options.replay), resolve(env, options.record));
        } catch (ModelConfigLoader.ConfigException e) {
            throw new BadInputException(e.getMessage() + " (model settings: see " + DOCS + ")", e);
        }
    }

    /**
     * the client: a replay, or the configured server (started on demand if launch is set, its log in
     * {@code logDir}), maybe recorded.
     */
    ModelClient open(Progress progress, Path logDir) {
        try {
            if (replay != null) {
                if (!Files.isRegularFile(replay)) {
                    throw new BadInputException("cannot read the recording " + replay + ": no such file (make one with --record)");
                }
                return Models.replay(replay, false);
            }
            ModelClient client = Models.open(config, progress, logDir);
            return record == null ? client : Models.recording(client, record);
        } catch (ModelException e) {
            // a recording that cannot be read or written is a bad argument, not a model failure
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** added to a failure to reach the model when nothing configured one, so the person knows where to start. */
    String unconfiguredHint() {
        return configured || replay != null ? "" : "; no model is configured (flags, LLMOS_BASE_URL or a model config file), so the default "
                + ModelConfig.DEFAULT_BASE_URL + " was tried: see " + DOCS;
    }

    private static BadInputException missing(String key) {
        return new BadInputException("no " + key + ": give --" + key.replace('_', '-') + ", " + ModelConfigLoader.envName(key)
                + " or " + key + " in the model config file (working settings for each server: " + DOCS + ")");
    }

    private static Path resolve(Env env, Path path) {
        return path == null ? null : env.cwd().resolve(path).normalize();
    }
}
