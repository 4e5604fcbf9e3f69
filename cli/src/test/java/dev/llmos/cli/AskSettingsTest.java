package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.llmos.cli.ModelAnswers.answer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** where {@code llmsh ask} finds its model, and what a person reads when it cannot. */
class AskSettingsTest {

    @TempDir
    Path tmp;

    @AutoClose
    private final FakeOpenAi model = FakeOpenAi.started();

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "a flag beats the environment and the file, flag, env, file, flag",
            "the environment beats the file,             ,     env, file, env",
            "the file beats the default,                 ,        , file, file",
            "the default applies last,                   ,        ,     , local"})
    void modelSettingsComeFromFlagsThenEnvironmentThenFileThenDefaults(String why, String flag, String env, String file,
                                                                        String sent) throws IOException {
        model.answer(answer("hello"));
        Path config = Files.writeString(tmp.resolve("llm.json"), file == null ? "{\"base_url\": \"" + model.baseUrl() + "\"}"
                : "{\"base_url\": \"" + model.baseUrl() + "\", \"model\": \"" + file + "\"}");
        Cli cli = Cli.in(tmp);
        if (env != null) {
            cli.env("LLMOS_MODEL", env);
        }
        List<String> args = new ArrayList<>(List.of("ask", "--llm-config", config.toString()));
        if (flag != null) {
            args.addAll(List.of("--model", flag));
        }
        args.add("say hello");
        Cli.Result r = cli.run(args.toArray(String[]::new));

        assertEquals(0, r.code(), r.err());
        assertEquals(sent, model.request(0).body().path("model").asText());
    }

    @Test
    void theTemperatureFlagReachesTheRequest() {
        model.answer(answer("hello"));
        Cli.Result r = Cli.in(tmp).run("ask", "--base-url", model.baseUrl(), "--temperature", "0.7", "say hello");
        assertEquals(0, r.code(), r.err());
        assertEquals(0.7, model.request(0).body().path("temperature").asDouble());
    }

    @Test
    void anEmptyModelNameIsBadInputThatPointsToTheModelDocs() throws IOException {
        Path config = Files.writeString(tmp.resolve("llm.json"), "{\"base_url\": \"" + model.baseUrl() + "\", \"model\": \"\"}");
        Cli.Result r = Cli.in(tmp).run("ask", "--llm-config", config.toString(), "say hello");
        assertEquals(2, r.code());
        assertEquals("llmsh: no model: give --model, LLMOS_MODEL or model in the model config file"
                + " (working settings for each server: docs/models.md)\n", r.err());
        assertEquals(0, model.requests().size());
    }

    @Test
    void anEmptyBaseUrlFlagIsBadInputThatPointsToTheModelDocs() {
        Cli.Result r = Cli.in(tmp).run("ask", "--base-url", "", "say hello");
        assertEquals(2, r.code());
        assertEquals("llmsh: no base_url: give --base-url, LLMOS_BASE_URL or base_url in the model config file"
                + " (working settings for each server: docs/models.md)\n", r.err());
    }

    @Test
    void aModelConfigWithAnUnknownKeyIsBadInput() throws IOException {
        Path config = Files.writeString(tmp.resolve("llm.json"), "{\"base\": \"http://127.0.0.1:1/v1\"}");
        Cli.Result r = Cli.in(tmp).run("ask", "--llm-config", config.toString(), "say hello");
        assertEquals(2, r.code());
        assertEquals("llmsh: model config " + config + ": /base: unknown key base (known: api_key_env, base_url, context_tokens, health_url,"
                + " launch, max_repairs, max_steps, max_tokens, model, redact, result_chars, start_timeout_sec, temperature, timeout_sec, warm_sec)"
                + " (model settings: see docs/models.md)\n", r.err());
    }

    @Test
    void anUnreachableServerIsOneReadableLineAndExitCodeOne() {
        String url = "http://127.0.0.1:" + ModelAnswers.closedPort() + "/v1";
        Cli.Result r = Cli.in(tmp).run("ask", "--base-url", url, "say hello");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("llmsh: cannot reach the model server at " + url
                + " (connection refused); is it running? check base_url, or configure launch to start one\n", r.err());
    }

    @Test
    void aSlowServerTimesOutWithOneReadableLine() {
        model.reply(new FakeOpenAi.Reply.Slow(Duration.ofSeconds(10), answer("too late")));
        Cli.Result r = Cli.in(tmp).run("ask", "--base-url", model.baseUrl(), "--timeout", "1", "say hello");
        assertEquals(1, r.code());
        assertEquals("llmsh: the model server at " + model.baseUrl()
                + " did not answer within 1 s (timeout_sec); a slow model may need a longer timeout, or a lower max_tokens", RunCommandTest.lastLine(r.err()));
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void withNothingConfiguredTheErrorSaysWhereModelSettingsGo() throws IOException {
        assumeFalse(listening(8080), "something listens on the default model port here");
        Cli.Result r = Cli.in(tmp).run("ask", "say hello");
        assertEquals(1, r.code());
        assertEquals("llmsh: cannot reach the model server at http://127.0.0.1:8080/v1 (connection refused); is it running?"
                + " check base_url, or configure launch to start one; no model is configured (flags, LLMOS_BASE_URL or a model"
                + " config file), so the default http://127.0.0.1:8080/v1 was tried: see docs/models.md\n", r.err());
    }

    @Test
    void replayAndRecordTogetherAreBadInput() {
        Cli.Result r = Cli.in(tmp).run("ask", "--replay", "a.jsonl", "--record", "b.jsonl", "say hello");
        assertEquals(2, r.code());
        assertEquals("llmsh: --replay and --record do not go together: a replay asks no model, so there is nothing to record\n",
                r.err());
    }

    @Test
    void aRecordingThatCannotBeReadIsBadInput() {
        Path missing = tmp.resolve("missing.jsonl");
        Cli.Result r = Cli.in(tmp).run("ask", "--replay", missing.toString(), "say hello");
        assertEquals(2, r.code());
        assertEquals("llmsh: cannot read the recording " + missing + ": no such file (make one with --record)\n", r.err());
    }

    @Test
    void anEmptyPromptIsBadInput() {
        Cli.Result r = Cli.in(tmp).run("ask", " ");
        assertEquals(2, r.code());
        assertEquals("llmsh: the prompt is empty: say what you want, e.g. llmsh ask \"how full is /var?\"\n", r.err());
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
