package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.llmos.cli.ModelAnswers.answer;
import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** a session recorded with {@code --record} replays with {@code --replay}, no server at all, to the same runs. */
class AskReplayTest {

    @TempDir
    Path tmp;

    @Test
    void theShippedExampleRecordingRunsWithNoModelAtAll() {
        String nowhere = "http://127.0.0.1:" + ModelAnswers.closedPort() + "/v1";
        Cli.Result r = cli().run("ask", "--base-url", nowhere, "--replay",
                Cli.ROOT.resolve("examples/replay/disk-usage.jsonl").toString(), "how full is my disk?");
        assertEquals(0, r.code(), r.out() + r.err());
        assertEquals("", r.err(), "a hand-written recording replays without warnings");
        assertTrue(r.out().contains("completed: all 2 actions ran"), r.out());
        assertTrue(r.out().contains("answer: the root filesystem's use is in the results above"), r.out());
    }

    @Test
    void aRecordedSessionReplaysToTheSameDecisionsAndResults() throws IOException {
        Path note = tmp.resolve("note.txt");
        Path recording = tmp.resolve("session.jsonl");
        Cli.Result recorded;
        try (FakeOpenAi model = FakeOpenAi.start()) {
            model.answer("{\"version\": 1}", plan(write("a1", note, "hello\n"), exec("a2", "cat", note.toString())),
                    answer("the note says hello", "cat printed hello"));
            recorded = cli().run("ask", "--json", "--base-url", model.baseUrl(), "--record", recording.toString(), "write a note");
        }
        assertEquals(0, recorded.code(), recorded.err());
        Files.delete(note);

        String nowhere = "http://127.0.0.1:" + ModelAnswers.closedPort() + "/v1";
        Cli.Result replayed = cli().run("ask", "--json", "--base-url", nowhere, "--replay", recording.toString(), "write a note");

        assertEquals(0, replayed.code(), replayed.err());
        assertTrue(Files.exists(note), "the replayed plan ran for real");
        assertEquals(withoutTimings(recorded.out()), withoutTimings(replayed.out()));
    }

    private Cli cli() {
        return Cli.shipped(tmp);
    }

    /** the outcome without durations and free-space readings: the only values that differ from one run to the next. */
    private static JsonNode withoutTimings(String json) throws IOException {
        JsonNode node = Json.mapper().readTree(json);
        strip(node);
        return node;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("duration_ms");
            if ("disk_free".equals(object.path("kind").asText())) {
                // the free space of the test's filesystem moves while other builds use the disk
                object.remove("detail");
            }
        }
        node.forEach(AskReplayTest::strip);
    }
}
