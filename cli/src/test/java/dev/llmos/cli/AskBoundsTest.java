package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.llm.FakeOpenAi;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static dev.llmos.cli.ModelAnswers.answer;
import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** how {@code llmsh ask} tells the person about bounded answers, repairs and failures of the model. */
class AskBoundsTest {

    @TempDir
    Path tmp;

    @AutoClose
    private final FakeOpenAi model = FakeOpenAi.started();

    private Cli cli() {
        return Cli.shipped(tmp).model(model)
                .env("LLMOS_TIMEOUT_SEC", "20");
    }

    @Test
    void anActionplanWithNothingToDoEndsTheRequestAsAnswered() {
        model.answer("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"nothing needs freeing\",\"steps\":[],\"actions\":[]}");
        Cli.Result r = cli().run("ask", "free space on /var");

        assertEquals(0, r.code(), r.err());
        assertEquals("answer: nothing needs freeing\n  1. nothing to do: the model proposed no actions, so nothing ran\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aRepairIsToldToThePerson() {
        model.answer(plan(exec("a1", "ls").put("argv", "ls -l")), answer("nothing to list"));
        Cli.Result r = cli().run("ask", "list it");

        assertEquals(0, r.code(), r.err());
        assertEquals("the model's first answer was invalid (1 error); asked again\n", r.err());
    }

    @Test
    void maxTokensIsSentWithEveryRequest() {
        model.answer(answer("hello"));
        Cli.Result r = cli().run("ask", "--max-tokens", "300", "say hello");

        assertEquals(0, r.code(), r.err());
        assertEquals(300, model.request(0).body().path("max_tokens").asInt());
    }

    @Test
    void anAnswerCutAtMaxTokensIsNamedInTextAndJson() throws IOException {
        model.reply(new FakeOpenAi.Reply.Cut("{\"version\":1,\"mode\":\"planonly\",\"goal\":\"aaaa", 512));
        Cli.Result r = cli().run("ask", "--json", "--max-tokens", "512", "say hello");

        assertEquals(1, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals("model_failed answer_cut", json.path("status").asText() + " " + json.path("error_kind").asText());
        assertEquals("llmsh: the model's answer was cut at 512 tokens (max_tokens) before it was complete; a plan that long"
                + " is unusual: the model may be repeating itself (try another model or temperature), or raise --max-tokens"
                + " (max_tokens in the model config)\n", r.err());
    }

    @Test
    void aContextOverflowIsNamedAsSuchInJson() throws IOException {
        model.reply(new FakeOpenAi.Reply.Status(400, """
                {"error":{"code":400,"message":"request (8248 tokens) exceeds the available context size (8192 tokens)",
                 "type":"exceed_context_size_error","n_prompt_tokens":8248,"n_ctx":8192}}"""));
        Cli.Result r = cli().run("ask", "--json", "say hello");

        assertEquals(1, r.code(), r.err());
        assertEquals("context_overflow", Json.mapper().readTree(r.out()).path("error_kind").asText());
    }
}
