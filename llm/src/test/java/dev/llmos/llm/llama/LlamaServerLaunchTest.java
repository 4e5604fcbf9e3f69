package dev.llmos.llm.llama;

import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.llm.Fixtures;
import dev.llmos.llm.Mode;
import dev.llmos.llm.ModelConfig;
import dev.llmos.llm.Planner;
import dev.llmos.llm.client.OpenAiModelClient;
import dev.llmos.llm.server.ModelServer;
import dev.llmos.llm.server.OnDemandModel;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the launch setting with the real llama-server: started on the first request, answering, stopped after the warm window. */
@NeedsLlamaServer
class LlamaServerLaunchTest {

    @TempDir
    Path tmp;

    @AutoClose
    private ModelServer server;
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());

    @Test
    void aLaunchedServerAnswersAndStopsAfterTheWarmWindow() throws IOException, InterruptedException {
        int port = Fixtures.closedPort();
        Path logs = tmp.resolve("state/model-server");
        server = new ModelServer(LlamaServer.command("planonly", port, 8192), URI.create("http://127.0.0.1:" + port + "/health"),
                Duration.ofSeconds(60), Duration.ofSeconds(2), progress::add, logs);
        ModelConfig config = Fixtures.config("http://127.0.0.1:" + port + "/v1").withTimeout(Duration.ofSeconds(120)).withTokens(512, 0);
        OpenAiModelClient client = new OpenAiModelClient(config.baseUrl(), config.model(), Optional::empty, 0.0, config.timeout(),
                config.maxTokens(), config.health());
        Planner planner = new Planner(new OnDemandModel(client, server), Fixtures.PARSER, config);

        Plan plan = planner.plan("what would you do to free space?", Mode.PLANONLY);
        ProcessHandle launched = server.process().orElseThrow(() -> new AssertionError("stopped before the warm window ended"));

        assertEquals(PlanMode.PLANONLY, plan.mode());
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (launched.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertFalse(launched.isAlive(), "llama-server (pid " + launched.pid() + ") still runs after the warm window");
        assertTrue(progress.contains("stopping the model server after 2 s without requests"), progress.toString());
        try (Stream<Path> files = Files.list(logs)) {
            List<Path> all = files.toList();
            assertEquals(1, all.size(), all.toString());
            assertTrue(Files.readString(all.get(0)).contains("llama"), "the server's own output is in its log");
        }
    }
}
