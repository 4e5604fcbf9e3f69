package dev.llmos.llm;

import dev.llmos.engine.plan.Plan;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;
import dev.llmos.llm.client.OpenAiModelClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static dev.llmos.llm.Fixtures.ANSWER;
import static dev.llmos.llm.Fixtures.DF_PLAN;
import static dev.llmos.llm.Fixtures.PARSER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** a session recorded against a real http server replays, with no server, to the same plans. */
class ReplayTest {

    @TempDir
    Path dir;

    /** one request with a repair round and one result turn: three model answers in all. */
    private static List<Object> session(Planner planner) {
        List<Object> seen = new ArrayList<>();
        Conversation conversation = planner.conversation();
        Plan first = planner.plan(conversation, "how full is my disk? check it", Mode.AUTO);
        seen.add(first);
        seen.add(planner.next(conversation, Fixtures.outcome("/dev/sda1 40G 28G 12G 70% /\n")));
        return seen;
    }

    private Path record() throws IOException {
        Path recording = dir.resolve("session.jsonl");
        try (FakeOpenAi server = FakeOpenAi.start()) {
            server.answer("{\"version\":1}", DF_PLAN, ANSWER);
            ModelConfig config = Fixtures.config(server.baseUrl());
            ModelClient live = new OpenAiModelClient(config.baseUrl(), config.model(), Optional::empty, 0.0, config.timeout());
            session(new Planner(Models.recording(live, recording), PARSER, config));
        }
        return recording;
    }

    @Test
    void recordedSessionReplaysToTheSamePlans() throws IOException {
        Path recording = record();
        List<Object> recorded = List.of(PARSER.parse(Fixtures.DF_PLAN_NORMALISED),
                new Turn.Answer(PARSER.parse(Fixtures.json(ANSWER.replace(",\"actions\":[]", "")))));
        ModelConfig config = Fixtures.config("http://127.0.0.1:9/v1");

        assertEquals(recorded, session(new Planner(Models.replay(recording, true), PARSER, config)));
    }

    @Test
    void recordingHoldsOneLinePerAnswerAndNoResults() throws IOException {
        List<String> lines = Files.readAllLines(record());
        assertEquals(3, lines.size());
        assertEquals(List.of(1, 2, 3), lines.stream().map(l -> Fixtures.json(l).get("turn").asInt()).toList());
        assertEquals(List.of(), lines.stream().filter(l -> l.contains("/dev/sda1")).toList());
    }

    @Test
    void replayThatRunsOutSaysSo() throws IOException {
        Path recording = record();
        ModelClient replay = Models.replay(recording, false);
        Planner planner = new Planner(replay, PARSER, Fixtures.config("http://127.0.0.1:9/v1"));
        session(planner);
        ModelException e = assertThrows(ModelException.class, () -> planner.plan("and now?", Mode.AUTO));
        assertEquals("the recording " + recording + " has 3 answers and the session asked for answer 4; the session went"
                + " further than the recorded one, record it again", e.getMessage());
    }

    @Test
    void strictReplayRefusesAChangedRequest() throws IOException {
        Path recording = record();
        Planner planner = new Planner(Models.replay(recording, true), PARSER, Fixtures.config("http://127.0.0.1:9/v1"));
        ModelException e = assertThrows(ModelException.class, () -> planner.plan("something else entirely", Mode.AUTO));
        assertEquals("request 1 differs from the one recorded in " + recording + " (another prompt, prompt kernel or action"
                + " set); record it again or replay without strict", e.getMessage());
    }

    @Test
    void lenientReplayAnswersAChangedRequestFromTheRecording() throws IOException {
        Path recording = record();
        Planner planner = new Planner(Models.replay(recording, false), PARSER, Fixtures.config("http://127.0.0.1:9/v1"));
        assertEquals(PARSER.parse(Fixtures.DF_PLAN_NORMALISED), planner.plan("something else entirely", Mode.AUTO));
    }

    @Test
    void aDamagedRecordingNamesTheLine() throws IOException {
        Path recording = dir.resolve("bad.jsonl");
        Files.writeString(recording, "{\"version\":1,\"turn\":1,\"request_sha256\":\"x\",\"response\":\"{}\"}\n{oops\n");
        ModelException e = assertThrows(ModelException.class, () -> Models.replay(recording, false));
        assertEquals("the recording " + recording + " is not valid at line 2: Unexpected character ('o' (code 111)):"
                + " was expecting double-quote to start field name", e.getMessage());
    }
}
