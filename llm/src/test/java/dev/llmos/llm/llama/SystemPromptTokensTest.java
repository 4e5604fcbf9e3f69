package dev.llmos.llm.llama;

import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.llm.Fixtures;
import dev.llmos.llm.PromptKernel;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the system prompt in real tokens (llama-server's tokenizer; the tiny models have phi-3's vocabulary):
 * the whole prompt for the shipped actions, the kernel alone, and each action's share, logged for
 * docs/models.md. the bound keeps an 8k context usable: half for the prompt, the rest for the request,
 * results and a whole answer.
 */
@NeedsLlamaServer
class SystemPromptTokensTest {

    private static final Logger LOG = LoggerFactory.getLogger(SystemPromptTokensTest.class);

    @TempDir
    Path tmp;

    @AutoClose
    private LlamaServer server;

    @Test
    void theSystemPromptForTheShippedActionsTakesAtMostHalfOfAnEightKContext() throws Exception {
        server = LlamaServer.start("planonly", 8192, tmp);
        try (HttpClient http = HttpClient.newHttpClient()) {
            int whole = LlamaServer.count(http, server.port, PromptKernel.of(Fixtures.REGISTRY).system());
            int kernel = LlamaServer.count(http, server.port, PromptKernel.of(ActionRegistry.of(List.of())).system());
            StringBuilder table = new StringBuilder();
            for (ActionHandler<?> handler : ServiceLoader.load(ActionHandler.class)) {
                int with = LlamaServer.count(http, server.port, PromptKernel.of(ActionRegistry.of(List.of(handler))).system());
                table.append(String.format("%n  %-24s %5d", handler.spec().type(), with - kernel));
            }
            LOG.info("system prompt: {} tokens for {} actions; the kernel alone {}; per action:{}", whole,
                    Fixtures.REGISTRY.types().size(), kernel, table);
            assertTrue(whole <= 4096, "the system prompt takes " + whole + " tokens");
        }
    }
}
