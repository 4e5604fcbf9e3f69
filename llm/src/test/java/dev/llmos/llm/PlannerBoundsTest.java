package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.plan.Plan;
import dev.llmos.llm.FakeOpenAi.Reply;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelException;
import dev.llmos.llm.client.ModelException.Kind;
import dev.llmos.llm.client.OpenAiModelClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.llmos.llm.Fixtures.ANSWER;
import static dev.llmos.llm.Fixtures.DF_PLAN;
import static dev.llmos.llm.Fixtures.PARSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** bounded answers, repair rounds that fit, errors named for what they are: against a real http server. */
class PlannerBoundsTest {

    @AutoClose
    private final FakeOpenAi server = FakeOpenAi.started();
    private final List<String> notices = new ArrayList<>();

    private Planner planner(ModelConfig config) {
        OpenAiModelClient client = new OpenAiModelClient(config.baseUrl(), config.model(), Optional::empty, config.temperature(),
                config.timeout(), config.maxTokens(), config.health());
        return new Planner(client, PARSER, config, notices::add);
    }

    private Planner planner() {
        return planner(Fixtures.config(server.baseUrl()));
    }

    @Test
    void everyRequestAsksForAtMostMaxTokens() {
        server.answer(DF_PLAN);
        planner(Fixtures.config(server.baseUrl()).withTokens(700, 0)).plan("check disk", Mode.AUTO);
        assertEquals(700, server.request(0).body().path("max_tokens").asInt());
    }

    @Test
    void anAnswerCutAtMaxTokensIsSaidToBeCutNotMalformed() {
        server.reply(new Reply.Cut("{\"version\":1,\"mode\":\"planonly\",\"goal\":\"aaaaaaaaaaaa", 2048));
        ModelException e = assertThrows(ModelException.class, () -> planner().plan("check disk", Mode.AUTO));
        assertEquals(Kind.ANSWER_CUT, e.kind());
        assertEquals("the model's answer was cut at 2048 tokens (max_tokens) before it was complete; a plan that long is"
                + " unusual: the model may be repeating itself (try another model or temperature), or raise --max-tokens"
                + " (max_tokens in the model config)", e.getMessage());
        assertEquals(1, server.requests().size(), "a cut answer is not sent back for repair");
    }

    @Test
    void llamaServersContextOverflowIsNamedAsSuchNotAsASchemaProblem() {
        server.reply(new Reply.Status(400, """
                {"error":{"code":400,"message":"request (8248 tokens) exceeds the available context size (8192 tokens), try increasing it",
                 "type":"exceed_context_size_error","n_prompt_tokens":8248,"n_ctx":8192}}"""));
        ModelException e = assertThrows(ModelException.class, () -> planner().plan("check disk", Mode.AUTO));
        assertEquals(Kind.CONTEXT_OVERFLOW, e.kind());
        assertEquals("the model server at " + server.baseUrl() + " refused the request: it does not fit the model's context"
                + " (8248 tokens asked, 8192 available); give the server a larger context (llama-server -c, ollama num_ctx)"
                + " or lower max_tokens and result_chars (docs/models.md)", e.getMessage());
    }

    @Test
    void aRefusedSchemaAndAnUnsupportedResponseFormatAreToldApart() {
        server.reply(new Reply.Status(400, "{\"error\":{\"message\":\"Invalid schema for response_format 'llmos_plan': too many enum values\"}}"));
        server.reply(new Reply.Status(400, "{\"error\":{\"message\":\"'response_format' of type 'json_schema' is not supported with this model\"}}"));
        assertEquals(Kind.SCHEMA_REFUSED, assertThrows(ModelException.class, () -> planner().plan("a", Mode.AUTO)).kind());
        assertEquals(Kind.FORMAT_UNSUPPORTED, assertThrows(ModelException.class, () -> planner().plan("b", Mode.AUTO)).kind());
    }

    @Test
    void anActionplanWithNoActionsIsTheFinalAnswerNotAFailure() {
        server.answer("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"nothing needs freeing\",\"steps\":[],\"actions\":[]}");
        Plan plan = planner().plan("free space on /var", Mode.AUTO);
        assertEquals(PARSER.parse(Fixtures.json("""
                {"version":1,"mode":"planonly","goal":"nothing needs freeing",
                 "steps":["nothing to do: the model proposed no actions, so nothing ran"]}""")), plan);
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), notices);
    }

    @Test
    void blankStepsOfAPlanonlyAnswerAreDropped() {
        server.answer("{\"version\":1,\"mode\":\"planonly\",\"goal\":\"done\",\"steps\":[\" =\",\"\",\"  \"],\"actions\":[]}");
        assertEquals(List.of(" ="), planner().plan("plan it", Mode.PLANONLY).steps());
    }

    @Test
    void aRepairIsToldToThePersonAndListsOnlyTheFirstErrors() {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < 12; i++) {
            actions.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i).append("\",\"type\":\"shell\",\"reason\":\"r\"}");
        }
        String bad = "{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"steps\":[],\"actions\":[" + actions + "]}";
        server.answer(bad, DF_PLAN);
        planner().plan("check disk", Mode.AUTO);

        assertEquals(List.of("the model's first answer was invalid (12 errors); asked again"), notices);
        String repair = server.request(1).lastMessage();
        assertTrue(repair.startsWith("your answer is not a valid plan (12 errors; the first 5):\n- /actions/0/type:"), repair);
        assertEquals(5, repair.lines().filter(l -> l.startsWith("- ")).count(), repair);
    }

    @Test
    void aLongInvalidAnswerIsNotSentBackWhole() {
        String bad = "{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"" + "x".repeat(5000) + "\",\"steps\":[],\"actions\":"
                + "[{\"id\":\"a1\",\"type\":\"shell\",\"reason\":\"r\"}]}";
        server.answer(bad, DF_PLAN);
        planner().plan("check disk", Mode.AUTO);

        JsonNode sent = server.request(1).body().get("messages");
        assertEquals(2, sent.size(), "system prompt and the request, no broken answer");
        assertFalse(sent.toString().contains("xxxxxxxxxx"));
        assertTrue(server.request(1).lastMessage().startsWith("request: check disk\n"), server.request(1).lastMessage());
        assertTrue(server.request(1).lastMessage().contains("your last answer (" + bad.length() + " characters, not repeated"
                + " here) is not a valid plan (2 errors):\n- "), server.request(1).lastMessage());
    }

    @Test
    void olderExchangesAreLeftOutToFitTheConfiguredContextKeepingSystemPromptAndRequest() {
        // the fake server says nothing about its context or tokens: the configured size and the estimate apply
        ModelConfig config = Fixtures.config(server.baseUrl());
        Planner probe = planner(config);
        int system = probe.conversation().messages().get(0).text().length() / 3 + 1 + ContextFit.PER_MESSAGE;
        String big = "y".repeat(4000);
        for (int i = 0; i < 4; i++) {
            server.answer(ANSWER);
        }
        Planner planner = planner(config.withTokens(500, system + 500 + ContextFit.MARGIN + 2600));
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "first " + big, Mode.AUTO);
        planner.plan(conversation, "second " + big, Mode.AUTO);
        planner.plan(conversation, "third", Mode.AUTO);

        JsonNode sent = server.request(2).body().get("messages");
        List<String> starts = new ArrayList<>();
        sent.forEach(m -> starts.add(m.path("role").asText() + ":" + m.path("content").asText().lines().findFirst().orElse("")
                .replaceAll("y{20,}", "...")));
        assertEquals(List.of("system:# role", "user:request: second ...", "assistant:" + ANSWER.lines().findFirst().orElseThrow(),
                "user:request: third"), starts);
        assertEquals(List.of(Message.Role.SYSTEM, Message.Role.USER, Message.Role.ASSISTANT, Message.Role.USER,
                Message.Role.ASSISTANT, Message.Role.USER, Message.Role.ASSISTANT),
                conversation.messages().stream().map(Message::role).toList(), "the conversation itself keeps everything");
    }

    @Test
    void aRequestThatCannotFitIsRefusedBeforeItIsSent() {
        ModelException e = assertThrows(ModelException.class,
                () -> planner(Fixtures.config(server.baseUrl()).withTokens(2048, 2100)).plan("check disk", Mode.AUTO));
        assertEquals(Kind.CONTEXT_OVERFLOW, e.kind());
        assertTrue(e.getMessage().startsWith("the request does not fit the model's context of 2100 tokens: it needs "), e.getMessage());
        assertEquals(0, server.requests().size());
    }
}
