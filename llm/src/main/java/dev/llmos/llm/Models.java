package dev.llmos.llm;

import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.OpenAiModelClient;
import dev.llmos.llm.client.RecordingModel;
import dev.llmos.llm.client.ReplayModel;
import dev.llmos.llm.server.ModelServer;
import dev.llmos.llm.server.OnDemandModel;
import dev.llmos.llm.server.Progress;

import java.nio.file.Path;

/** the clients a composition root needs, built from a {@link ModelConfig}. */
public final class Models {

    private Models() {
    }

    /**
     * the openai-compatible client for {@code config}; when a launch command is configured, the
     * server is started on the first request and stopped after the warm window (or on close), its
     * output going to a log in {@code logDir}.
     */
    public static ModelClient open(ModelConfig config, Progress progress, Path logDir) {
        ModelClient client = new OpenAiModelClient(config.baseUrl(), config.model(), config::apiKey, config.temperature(),
                config.timeout(), config.maxTokens(), config.health());
        if (!config.launches()) {
            return client;
        }
        ModelServer server = new ModelServer(config.launch(), config.health(), config.startTimeout(), config.warm(), progress, logDir);
        return new OnDemandModel(client, server);
    }

    /** recorded answers instead of a model; strict makes a changed request an error instead of a warning. */
    public static ModelClient replay(Path recording, boolean strict) {
        return ReplayModel.load(recording, strict);
    }

    /** {@code client}, with every answer saved to {@code recording} for a later replay. */
    public static ModelClient recording(ModelClient client, Path recording) {
        return new RecordingModel(client, recording);
    }
}
