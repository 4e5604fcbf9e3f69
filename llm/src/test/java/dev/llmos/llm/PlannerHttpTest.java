package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.llm.FakeOpenAi.Reply;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelException;
import dev.llmos.llm.client.OpenAiModelClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static dev.llmos.llm.Fixtures.ANSWER;
import static dev.llmos.llm.Fixtures.DF_PLAN;
import static dev.llmos.llm.Fixtures.DF_PLAN_NORMALISED;
import static dev.llmos.llm.Fixtures.PARSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the planner against a real http server on 127.0.0.1 that speaks openai chat completions. */
class PlannerHttpTest {

    @AutoClose
    private final FakeOpenAi server = FakeOpenAi.started();

    private Planner planner(ModelConfig config) {
        return new Planner(client(config, Optional::empty), PARSER, config);
    }

    private static OpenAiModelClient client(ModelConfig config, java.util.function.Supplier<Optional<String>> key) {
        return new OpenAiModelClient(config.baseUrl(), config.model(), key, config.temperature(), config.timeout());
    }

    private Planner planner() {
        return planner(Fixtures.config(server.baseUrl()));
    }

    @Test
    void requestCarriesTheStrictSchemaTheModelAndTemperatureZero() {
        server.answer(DF_PLAN);
        Planner planner = planner();
        planner.plan("how full is my disk? check it", Mode.AUTO);

        JsonNode body = server.request(0).body();
        ObjectNode sent = Json.mapper().createObjectNode();
        for (String field : List.of("model", "temperature", "stream", "response_format")) {
            sent.set(field, body.get(field));
        }
        ObjectNode expected = Fixtures.json("""
                {"model":"local","temperature":0.0,"stream":false,
                 "response_format":{"type":"json_schema","json_schema":{"name":"llmos_plan","strict":true}}}""");
        ((ObjectNode) expected.get("response_format").get("json_schema")).set("schema", planner.strictSchema().schema(Mode.AUTO));
        assertEquals(expected, sent);
    }

    @Test
    void requestSendsTheKernelAsSystemMessageAndTheRequestWithItsMode() {
        server.answer(DF_PLAN);
        Planner planner = planner();
        planner.plan("how full is my disk? check it", Mode.AUTO);

        ArrayNode expected = Json.mapper().createArrayNode();
        expected.addObject().put("role", "system").put("content", planner.kernel().system());
        expected.addObject().put("role", "user").put("content",
                "request: how full is my disk? check it\nmode: choose planonly or actionplan by the output-mode rules");
        assertEquals(expected, server.request(0).body().get("messages"));
    }

    @Test
    void validAnswerComesBackAsTheValidatedPlan() {
        server.answer(DF_PLAN);
        Plan plan = planner().plan("how full is my disk? check it", Mode.AUTO);
        assertEquals(PARSER.parse(DF_PLAN_NORMALISED), plan);
    }

    @Test
    void invalidAnswerIsRepairedBySendingItsValidationErrorsBack() {
        String bad = DF_PLAN.replace("[\"df\",\"-h\",\"/\"]", "\"df -h /\"").replace("\"a1\"", "\"#1\"");
        server.answer(bad, DF_PLAN);
        Planner planner = planner();
        Plan plan = planner.plan("how full is my disk? check it", Mode.AUTO);

        assertEquals(PARSER.parse(DF_PLAN_NORMALISED), plan);
        JsonNode repair = server.request(1).body().get("messages");
        assertEquals(4, repair.size());
        assertEquals(Json.mapper().createObjectNode().put("role", "assistant").put("content", bad), repair.get(2));
        assertEquals("""
                your answer is not a valid plan (2 errors):
                - /actions/0/argv: expected array, got string
                - /actions/0/id: string [#1] does not match pattern ^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$
                answer again with the whole corrected plan as one json object.""", server.request(1).lastMessage());
    }

    @Test
    void repairExchangesAreNotKeptInTheConversation() {
        server.answer("not json at all", DF_PLAN);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "how full is my disk? check it", Mode.AUTO);

        assertEquals(List.of(Message.Role.SYSTEM, Message.Role.USER, Message.Role.ASSISTANT),
                conversation.messages().stream().map(Message::role).toList());
        assertEquals(DF_PLAN, conversation.messages().get(2).text());
    }

    @Test
    void answerStillInvalidAfterTheRepairRoundsFailsWithTheLastErrors() {
        String bad = DF_PLAN.replace("\"exec\"", "\"shell\"");
        server.answer(bad, bad, bad, DF_PLAN);
        PlannerException e = assertThrows(PlannerException.class,
                () -> planner().plan("how full is my disk? check it", Mode.AUTO));

        assertEquals("""
                the model gave no valid plan in 3 answers; the last one had 1 error:
                  /actions/0/type: unknown action type shell (known: %s)""".formatted(known()),
                e.getMessage());
        assertEquals(List.of(new PlanError("/actions/0/type", "unknown action type shell (known: " + known() + ")")),
                e.errors());
        assertEquals(3, server.requests().size());
    }

    @Test
    void aFailedRequestLeavesTheConversationAsItWas() {
        server.answer("nope", "nope", "nope", DF_PLAN);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        List<Message> before = conversation.messages();
        assertThrows(PlannerException.class, () -> planner.plan(conversation, "check disk", Mode.AUTO));
        assertEquals(before, conversation.messages());

        planner.plan(conversation, "check disk", Mode.AUTO);
        assertEquals(List.of(Message.Role.SYSTEM, Message.Role.USER, Message.Role.ASSISTANT),
                conversation.messages().stream().map(Message::role).toList());
    }

    @Test
    void forcedPlanonlyNarrowsTheSchemaAndRefusesAnActionplan() {
        server.answer(DF_PLAN, ANSWER);
        Planner planner = planner();
        Plan plan = planner.plan("what would you do to free disk space?", Mode.PLANONLY);

        assertEquals(PARSER.parse(Fixtures.json(ANSWER.replace(",\"actions\":[]", ""))), plan);
        assertEquals(planner.strictSchema().schema(Mode.PLANONLY),
                server.request(0).body().at("/response_format/json_schema/schema"));
        assertEquals("""
                your answer is not a valid plan (1 error):
                - /mode: must be planonly for this request
                answer again with the whole corrected plan as one json object.""", server.request(1).lastMessage());
    }

    @Test
    void resultsFedBackAreRedactedJson() {
        String secrets = """
                DB_PASSWORD=hunter2
                -----BEGIN OPENSSH PRIVATE KEY-----
                b3BlbnNzaC1rZXktdjEAAAAABG5vbmU
                -----END OPENSSH PRIVATE KEY-----
                root:$6$saltsalt$hashhashhashhash:19000:0:99999:7:::
                Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature
                """;
        server.answer(DF_PLAN, ANSWER);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "check the app config", Mode.AUTO);
        planner.next(conversation, Fixtures.outcome(secrets));

        String sent = server.request(1).lastMessage();
        assertTrue(sent.contains("[REDACTED]"), sent);
        for (String secret : List.of("hunter2", "b3BlbnNzaC1rZXktdjEAAAAABG5vbmU", "hashhashhashhash", "eyJhbGciOiJIUzI1NiJ9")) {
            assertFalse(server.request(1).body().toString().contains(secret), "leaked " + secret);
        }
        assertEquals("DB_PASSWORD=[REDACTED]\n[REDACTED]\nroot:[REDACTED]:19000:0:99999:7:::\nAuthorization: [REDACTED]\n",
                planner.feedback(Fixtures.outcome(secrets)).at("/actions/0/result/stdout/text").asText());
    }

    @Test
    void finalPlanonlyAnswerEndsTheLoop() {
        server.answer(DF_PLAN, ANSWER);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "how full is my disk? check it", Mode.AUTO);
        Turn turn = planner.next(conversation, Fixtures.outcome("Filesystem Size Used Avail Use% Mounted on\n/dev/sda1 40G 28G 12G 70% /\n"));

        assertEquals(new Turn.Answer(PARSER.parse(Fixtures.json(ANSWER.replace(",\"actions\":[]", "")))), turn);
    }

    @Test
    void resultsOfARunThatEndedItsRequestGoOutWithTheNextRequest() {
        server.answer(DF_PLAN, ANSWER);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "check the disk", Mode.AUTO);
        planner.ended(conversation, Fixtures.outcome("password=hunter2\n"));
        planner.plan(conversation, "and now?", Mode.AUTO);

        assertEquals("results of the last plan, which ended that request (secrets redacted):\n"
                + Json.write(planner.feedback(Fixtures.outcome("password=hunter2\n")))
                + "\nthat request is over: what was denied or not approved stays so; do not retry it.\n\n"
                + "request: and now?\nmode: choose planonly or actionplan by the output-mode rules", server.request(1).lastMessage());
        assertFalse(server.request(1).body().toString().contains("hunter2"));
    }

    @Test
    void resultsWaitingForTheNextRequestSurviveAFailedRequest() {
        server.answer(DF_PLAN, "nope", "nope", "nope", ANSWER);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "check the disk", Mode.AUTO);
        planner.ended(conversation, Fixtures.outcome("..."));
        assertThrows(PlannerException.class, () -> planner.plan(conversation, "and now?", Mode.AUTO));
        planner.plan(conversation, "and now?", Mode.AUTO);

        assertEquals(server.request(1).lastMessage(), server.request(4).lastMessage());
        assertTrue(server.request(4).lastMessage().startsWith("results of the last plan, which ended that request"));
    }

    @Test
    void anotherActionplanAfterResultsIsTheNextStep() {
        server.answer(DF_PLAN, DF_PLAN);
        Planner planner = planner();
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "how full is my disk? check it", Mode.AUTO);
        Turn turn = planner.next(conversation, Fixtures.outcome("..."));

        assertEquals(new Turn.Act(PARSER.parse(DF_PLAN_NORMALISED)), turn);
        assertEquals(2, conversation.actionPlans());
    }

    @Test
    void stepLimitAsksForAPlanonlySummaryInsteadOfMoreActions() {
        server.answer(DF_PLAN, ANSWER);
        Planner planner = planner(Fixtures.config(server.baseUrl()).withLimits(2, 1));
        Conversation conversation = planner.conversation();
        planner.plan(conversation, "how full is my disk? check it", Mode.AUTO);
        Turn turn = planner.next(conversation, Fixtures.outcome("..."));

        assertEquals(new Turn.LimitReached(PARSER.parse(Fixtures.json(ANSWER.replace(",\"actions\":[]", ""))), 1), turn);
        assertEquals(planner.strictSchema().schema(Mode.PLANONLY),
                server.request(1).body().at("/response_format/json_schema/schema"));
        assertEquals(planner.kernel().lastResults(Json.write(planner.feedback(Fixtures.outcome("..."))), 1),
                server.request(1).lastMessage());
    }

    @Test
    void apiKeyIsReadAtRequestTimeAndSentAsBearerHeader() {
        server.answer(DF_PLAN, DF_PLAN);
        ModelConfig config = Fixtures.config(server.baseUrl());
        String[] key = {"sk-first"};
        OpenAiModelClient client = client(config, () -> Optional.of(key[0]));
        Planner planner = new Planner(client, PARSER, config);
        planner.plan("check disk", Mode.AUTO);
        key[0] = "sk-second";
        planner.plan("check disk", Mode.AUTO);

        assertEquals(List.of(List.of("Bearer sk-first"), List.of("Bearer sk-second")),
                server.requests().stream().map(r -> r.headers().get("Authorization")).toList());
    }

    @Test
    void noKeySendsNoAuthorizationHeader() {
        server.answer(DF_PLAN);
        planner().plan("check disk", Mode.AUTO);
        assertEquals(null, server.request(0).headers().get("Authorization"));
    }

    @Test
    void unreachableServerGivesOneClearSentence() {
        String url = "http://127.0.0.1:" + Fixtures.closedPort() + "/v1";
        ModelException e = assertThrows(ModelException.class, () -> planner(Fixtures.config(url)).plan("check disk", Mode.AUTO));
        assertEquals("cannot reach the model server at " + url
                + " (connection refused); is it running? check base_url, or configure launch to start one", e.getMessage());
    }

    @Test
    void slowServerTimesOutWithAClearError() {
        server.reply(new Reply.Slow(Duration.ofSeconds(5), DF_PLAN));
        ModelConfig config = Fixtures.config(server.baseUrl()).withTimeout(Duration.ofSeconds(1));
        ModelException e = assertThrows(ModelException.class, () -> planner(config).plan("check disk", Mode.AUTO));
        assertEquals("the model server at " + server.baseUrl()
                + " did not answer within 1 s (timeout_sec); a slow model may need a longer timeout, or a lower max_tokens", e.getMessage());
        assertEquals(ModelException.Kind.TIMEOUT, e.kind());
    }

    @Test
    void refusedKeyNamesTheSettingToCheck() {
        server.reply(new Reply.Status(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"));
        ModelException e = assertThrows(ModelException.class, () -> planner().plan("check disk", Mode.AUTO));
        assertEquals("the model server at " + server.baseUrl() + " answered http 401 (the api key is missing or wrong;"
                + " check api_key_env): Incorrect API key provided", e.getMessage());
        assertEquals(ModelException.Kind.AUTH, e.kind());
    }

    /** the registry's types, as the unknown-type message lists them. */
    private static String known() {
        return String.join(", ", ActionRegistry.discover().types());
    }
}
