package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.llmos.cli.ModelAnswers.answer;
import static dev.llmos.cli.ModelAnswers.results;
import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.read;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llmsh ask} against a real openai-compatible http server on loopback, with the shipped policy. */
class AskCommandTest {

    @TempDir
    Path tmp;

    @AutoClose
    private final FakeOpenAi model = FakeOpenAi.started();

    private Cli cli() {
        return Cli.shipped(tmp).model(model)
                .env("LLMOS_TIMEOUT_SEC", "20");
    }

    @Test
    void anAllowedPlanRunsItsRedactedResultsGoBackAndTheAnswerIsPrinted() throws IOException {
        Path secrets = Files.writeString(tmp.resolve("app.cfg"), "DB_PASSWORD=hunter2\n");
        Path note = tmp.resolve("note.txt");
        model.answer(plan(write("a1", note, "hello\n"), exec("a2", "cat", note.toString(), secrets.toString())),
                answer("the note says hello and app.env sets the database password", "cat printed DB_PASSWORD=[REDACTED]"));
        Cli.Result r = cli().run("ask", "write a note and show it with the app env");

        assertEquals(0, r.code(), r.err());
        assertEquals("hello\n", Files.readString(note));
        assertEquals("hello\nDB_PASSWORD=[REDACTED]\n", results(model.request(1)).at("/actions/1/result/stdout/text").asText());
        assertFalse(model.request(1).body().toString().contains("hunter2"), "the secret reached the model");
        assertTrue(r.out().endsWith("""
                completed: all 2 actions ran

                answer: the note says hello and app.env sets the database password
                  1. cat printed DB_PASSWORD=[REDACTED]
                """), r.out());
        assertEquals("", r.err());
    }

    @Test
    void aDeniedPlanRunsNothingAndItsReasonGoesBackToTheModelOnce() {
        Path first = tmp.resolve("first.txt");
        model.answer(plan(write("a1", first, "x"), read("a2", "/etc/shadow")),
                answer("password hashes are off limits; use passwd -S to see account status"));
        Cli.Result r = cli().run("ask", "show me the password hashes");

        assertEquals(1, r.code(), r.err());
        assertFalse(Files.exists(first), "nothing of a denied plan runs");
        JsonNode decision = results(model.request(1)).at("/actions/1/decision");
        ObjectNode sent = Json.mapper().createObjectNode();
        for (String field : List.of("action_id", "verdict", "rule")) {
            sent.set(field, decision.get(field));
        }
        assertEquals(Json.mapper().createObjectNode().put("action_id", "a2").put("verdict", "deny")
                .put("rule", "files.read-password-hashes"), sent);
        assertFalse(decision.path("reason").asText().isBlank(), "the model learns what was violated");
        assertTrue(r.out().endsWith("""
                denied: policy denied a2, so nothing ran
                the model is told why, once, so it can find another way

                answer: password hashes are off limits; use passwd -S to see account status
                """), r.out());
    }

    @Test
    void aSecondDenialEndsTheRequestWithoutAskingTheModelAgain() {
        String denied = plan(read("a1", "/etc/shadow"));
        model.answer(denied, denied, answer("never asked"));
        Cli.Result r = cli().run("ask", "show me the password hashes");

        assertEquals(1, r.code(), r.err());
        assertEquals(2, model.requests().size());
        assertEquals("denied: policy denied a1, so nothing ran", RunCommandTest.lastLine(r.out()));
    }

    @Test
    void aPersonRefusingAConfirmEndsTheRequest() {
        Path before = tmp.resolve("before.txt");
        model.answer(plan(write("a1", before, "1"), ConfirmStep.action("a2", tmp)), answer("never asked"));
        Cli.Result r = cli().person("n\n").run("ask", "touch the marker");

        assertEquals(1, r.code(), r.err());
        assertTrue(Files.exists(before), "a1 comes before the refused step, so it ran");
        assertFalse(ConfirmStep.ran(tmp));
        assertEquals(1, model.requests().size(), "a refusal is not sent to the model for another try");
        assertTrue(r.out().contains("approve a2 (" + ConfirmStep.describe(tmp) + ")? [y/N] not approved: a2;"), r.out());
        assertEquals("not approved: a2 was not approved, so it and everything after it did not run (1 ran before it)",
                RunCommandTest.lastLine(r.out()));
    }

    @Test
    void withoutATerminalAConfirmIsNotApprovedUnlessYesIsGiven() {
        model.answer(plan(ConfirmStep.action("a1", tmp)), plan(ConfirmStep.action("a1", tmp)), answer("done"));
        Cli.Result refused = cli().pipe("y\n").run("ask", "touch the marker");
        assertEquals(1, refused.code());
        assertFalse(ConfirmStep.ran(tmp));

        Cli.Result approved = cli().pipe("").run("ask", "--yes", "touch the marker");
        assertEquals(0, approved.code(), approved.err());
        assertTrue(ConfirmStep.ran(tmp));
    }

    @Test
    void anInvalidAnswerIsRepairedBeforeAnythingRuns() throws IOException {
        Path out = tmp.resolve("repaired.txt");
        String invalid = plan(write("a1", out, "x"), exec("a2", "ls").put("argv", "ls -l"));
        model.answer(invalid, plan(write("a1", out, "x"), exec("a2", "ls", tmp.toString())), answer("written"));
        Cli.Result r = cli().run("ask", "write the file");

        assertEquals(0, r.code(), r.err());
        assertEquals("x", Files.readString(out));
        assertEquals("""
                your answer is not a valid plan (1 error):
                - /actions/1/argv: expected array, got string
                answer again with the whole corrected plan as one json object.""", model.request(1).lastMessage());
    }

    @Test
    void aFailedActionGoesBackToTheModelAndTheExitCodeSaysItFailed() {
        model.answer(plan(exec("a1", "ls", tmp.resolve("missing").toString())), answer("the directory does not exist"));
        Cli.Result r = cli().run("ask", "list the missing directory");

        assertEquals(1, r.code(), r.err());
        JsonNode sent = results(model.request(1));
        assertEquals(List.of("failed", "failed"), List.of(sent.path("status").asText(), sent.at("/actions/0/result/status").asText()));
        assertTrue(r.out().endsWith("answer: the directory does not exist\n"), r.out());
    }

    @Test
    void theStepLimitMakesTheModelSumUpInPlanonlyMode() {
        model.answer(plan(exec("a1", "ls", tmp.toString())), answer("listed it once"));
        Cli.Result r = cli().run("ask", "--max-steps", "1", "keep listing");

        assertEquals(0, r.code(), r.err());
        assertEquals(Json.mapper().createArrayNode().add("planonly"), ModelAnswers.modes(model.request(1)));
        assertTrue(r.out().endsWith("step limit of 1 plan reached; the model sums up: listed it once\n"), r.out());
    }

    @Test
    void jsonPrintsTheWholeRequestAndNothingElse() throws IOException {
        Path out = tmp.resolve("j.txt");
        model.answer(plan(write("a1", out, "j")), answer("written", "a1 wrote j.txt"));
        Cli.Result r = cli().run("ask", "--json", "write j");

        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        ObjectNode head = Json.mapper().createObjectNode();
        for (String field : List.of("prompt", "mode", "status", "answer")) {
            head.set(field, json.get(field));
        }
        assertEquals(Json.mapper().readTree("""
                {"prompt": "write j", "mode": "auto", "status": "answered",
                 "answer": {"goal": "written", "steps": ["a1 wrote j.txt"]}}"""), head);
        assertEquals(List.of("completed"), List.of(json.at("/runs/0/status").asText()));
        assertEquals(1, json.path("runs").size());
        assertEquals("", r.err());
    }
}
