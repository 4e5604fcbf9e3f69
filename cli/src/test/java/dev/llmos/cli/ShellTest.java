package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.llmos.cli.ModelAnswers.answer;
import static dev.llmos.cli.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the interactive shell, driven by a person typing on injected stdin. */
class ShellTest {

    @TempDir
    Path tmp;

    @AutoClose
    private final FakeOpenAi model = FakeOpenAi.started();

    private Cli cli() {
        return Cli.shipped(tmp).model(model);
    }

    private String banner() {
        return "llmsh shell, model: " + model.baseUrl() + "\n" + """
                say what you want done, in plain words; each plan is shown and decided by policy before anything runs.
                  :plan REQUEST   only plan: the model answers in prose and nothing executes
                  :new            start a new conversation
                  :history        the last prompts
                  :q, exit        leave
                """;
    }

    @Test
    void promptsAreAnsweredInOneConversationAndKeptInHistory() throws IOException {
        model.answer(answer("/tmp holds scratch files", "ls would show them"), answer("free space on /var", "measure /var/log"));
        Cli.Result r = cli().person("what is /tmp for?\n:plan free space on /var\n:history\n:q\n").run("shell");

        assertEquals(0, r.code(), r.err());
        assertEquals(banner() + """

                llmsh> answer: /tmp holds scratch files
                  1. ls would show them

                llmsh> plan (planonly, nothing executes): free space on /var
                  1. measure /var/log

                llmsh>   what is /tmp for?
                  :plan free space on /var

                llmsh>\s""", r.out());
        assertEquals("", r.err());
        assertEquals(List.of("what is /tmp for?", ":plan free space on /var"), Files.readAllLines(tmp.resolve("state/history")));
        List<String> roles = new ArrayList<>();
        model.request(1).body().path("messages").forEach(m -> roles.add(m.path("role").asText()));
        assertEquals(List.of("system", "user", "assistant", "user"), roles);
        assertEquals(Json.mapper().createArrayNode().add("planonly"), ModelAnswers.modes(model.request(1)));
    }

    @Test
    void anAnswerToAConfirmationIsNotTakenForTheNextPrompt() {
        model.answer(plan(ConfirmStep.action("a1", tmp)), answer("touched it"));
        Cli.Result r = cli().person("touch the marker\ny\n:q\n").run("shell");

        assertEquals(0, r.code(), r.err());
        assertTrue(ConfirmStep.ran(tmp));
        assertEquals(2, model.requests().size());
        assertTrue(r.out().contains("approve a1 (" + ConfirmStep.describe(tmp) + ")? [y/N] "), r.out());
        assertTrue(r.out().endsWith("answer: touched it\n\nllmsh> "), r.out());
    }

    @Test
    void aRefusedStepReachesTheModelWithTheNextPrompt() {
        model.answer(plan(ConfirmStep.action("a1", tmp)), answer("you did not approve it"));
        Cli.Result r = cli().person("touch the marker\nn\nwhy did nothing happen?\n:q\n").run("shell");

        assertEquals(0, r.code(), r.err());
        String next = model.request(1).lastMessage();
        assertTrue(next.startsWith("results of the last plan, which ended that request (secrets redacted):\n"), next);
        assertEquals("not_approved", ModelAnswers.results(model.request(1)).path("status").asText());
        assertTrue(next.endsWith("request: why did nothing happen?\nmode: choose planonly or actionplan by the output-mode rules"), next);
    }

    @Test
    void aModelThatCannotBeReachedEndsTheRequestNotTheShell() {
        String url = "http://127.0.0.1:" + ModelAnswers.closedPort() + "/v1";
        Cli.Result r = Cli.in(tmp).env("LLMOS_BASE_URL", url).person("hello\n:q\n").run("shell");

        assertEquals(0, r.code());
        assertEquals("llmsh: cannot reach the model server at " + url
                + " (connection refused); is it running? check base_url, or configure launch to start one\n", r.err());
        assertTrue(r.out().endsWith("llmsh> \nllmsh> "), r.out());
    }

    @Test
    void llmshAloneAtATerminalIsTheShellAndEndsAtEndOfInput() {
        Cli.Result r = cli().person("").run();
        assertEquals(0, r.code(), r.err());
        assertEquals(banner() + "\nllmsh> \n", r.out());
    }

    @Test
    void llmshAloneWithoutATerminalPrintsUsage() {
        Cli.Result r = cli().pipe("").run();
        assertEquals(2, r.code());
        assertEquals("llmsh: missing subcommand: try llmsh run PLAN.json, or llmsh --help\nusage: llmsh --help\n", r.err());
    }
}
