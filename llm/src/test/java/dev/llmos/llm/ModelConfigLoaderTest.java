package dev.llmos.llm;

import dev.llmos.llm.ModelConfigLoader.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void nothingGivenMeansTheDefaults() {
        ModelConfig config = ModelConfigLoader.load(Map.of(), Map.of(), Optional.empty());
        assertEquals(new ModelConfig("http://127.0.0.1:8080/v1", "local", "LLMOS_API_KEY", 0.0, Duration.ofSeconds(120), 2, 8,
                List.of(), "http://127.0.0.1:8080/v1/models", Duration.ofMinutes(5), Duration.ofSeconds(120), List.of(), 8000, 2048, 0),
                config);
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults() throws IOException {
        Path f = file("llm.json", """
                {"base_url":"http://file:1/v1","model":"file-model","temperature":0.5,"max_steps":3,
                 "launch":["llama-server","-m","/models/q.gguf","--port","8081"],"redact":["pin \\\\d{4}"]}""");
        Map<String, String> env = Map.of("LLMOS_MODEL", "env-model", "LLMOS_BASE_URL", "http://env:2/v1",
                "LLMOS_TIMEOUT_SEC", "30", "UNRELATED", "x");
        Map<String, String> flags = Map.of("base_url", "http://flag:3/v1/");

        assertEquals(new ModelConfig("http://flag:3/v1", "env-model", "LLMOS_API_KEY", 0.5, Duration.ofSeconds(30), 2, 3,
                List.of("llama-server", "-m", "/models/q.gguf", "--port", "8081"), "http://flag:3/v1/models",
                Duration.ofMinutes(5), Duration.ofSeconds(120), List.of("pin \\d{4}"), 8000, 2048, 0),
                ModelConfigLoader.load(flags, env, Optional.of(f)));
    }

    @Test
    void theLaunchVariableIsSplitLikeAShellWhileTheFileGivesAList() throws IOException {
        Path f = file("llm.json", """
                {"base_url": "http://127.0.0.1:8081/v1", "health_url": "http://127.0.0.1:8081/health", "warm_sec": 600,
                 "launch": ["llama-server", "-m", "/models/in file.gguf"]}""");
        Map<String, String> env = Map.of("LLMOS_LAUNCH", "llama-server -m \"/models/my model.gguf\" --jinja --port 8081");
        ModelConfig config = ModelConfigLoader.load(Map.of(), env, Optional.of(f));
        assertEquals(List.of("llama-server", "-m", "/models/my model.gguf", "--jinja", "--port", "8081"), config.launch());
        assertEquals(List.of("llama-server", "-m", "/models/in file.gguf"), ModelConfigLoader.load(Map.of(), Map.of(), Optional.of(f)).launch());
        assertEquals("http://127.0.0.1:8081/health", config.healthUrl());
        assertEquals(Duration.ofMinutes(10), config.warm());
    }

    @Test
    void aValueOfTheWrongTypeInTheFileNamesTheKeyAndTheType() throws IOException {
        Path f = file("llm.json", "{\"max_steps\": \"3\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelConfigLoader.load(Map.of(), Map.of(), Optional.of(f)));
        assertEquals("model config " + f + ": /max_steps: expected a whole number, got a string", e.getMessage());
        Path launch = file("launch.json", "{\"launch\": \"llama-server -m x.gguf\"}");
        assertEquals("model config " + launch + ": /launch: expected a list, got a string", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.load(Map.of(), Map.of(), Optional.of(launch))).getMessage());
    }

    @Test
    void aKeyGivenTwiceInTheFileIsAnError() throws IOException {
        Path f = file("llm.json", "{\"model\": \"a\", \"model\": \"b\"}");
        assertEquals("model config " + f + ": /model: duplicate key; each key may appear once", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.load(Map.of(), Map.of(), Optional.of(f))).getMessage());
    }

    @Test
    void apiKeyIsReadFromTheNamedVariableWhenAsked() {
        ModelConfig config = ModelConfigLoader.load(Map.of("api_key_env", "OPENAI_API_KEY"), Map.of(), Optional.empty());
        assertEquals(Optional.of("sk-test"), config.apiKey(Map.of("OPENAI_API_KEY", "sk-test")));
        assertEquals(Optional.empty(), config.apiKey(Map.of("OPENAI_API_KEY", " ")));
        assertEquals(Optional.empty(), config.apiKey(Map.of()));
    }

    @Test
    void anUnknownKeyInTheFileIsAnError() throws IOException {
        Path f = file("llm.json", "{\"base_url\":\"http://x:1/v1\",\"modle\":\"typo\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelConfigLoader.load(Map.of(), Map.of(), Optional.of(f)));
        assertEquals("model config " + f + ": /modle: unknown key modle (known: api_key_env, base_url, context_tokens, health_url,"
                + " launch, max_repairs, max_steps, max_tokens, model, redact, result_chars, start_timeout_sec, temperature, timeout_sec, warm_sec)",
                e.getMessage());
    }

    @Test
    void anApiKeyInTheFileIsRefused() throws IOException {
        Path f = file("llm.json", "{\"api_key\": \"sk-oops\"}");
        ConfigException e = assertThrows(ConfigException.class, () -> ModelConfigLoader.load(Map.of(), Map.of(), Optional.of(f)));
        assertEquals("model config " + f + ": api_key does not belong in a file; put the key in an environment variable"
                + " and name that variable with api_key_env", e.getMessage());
    }

    @Test
    void outOfRangeValuesNameTheSetting() {
        assertEquals("temperature must be between 0 and 2, got 3.0", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.load(Map.of("temperature", "3"), Map.of(), Optional.empty())).getMessage());
        assertEquals("max_repairs must be a whole number, got two", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.load(Map.of(), Map.of("LLMOS_MAX_REPAIRS", "two"), Optional.empty())).getMessage());
        assertEquals("base_url must be an http or https url, got ftp://x/v1", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.load(Map.of("base_url", "ftp://x/v1"), Map.of(), Optional.empty())).getMessage());
    }

    @Test
    void theConfigFileIsTheFlagsElseTheVariablesElseTheUsersOwn() throws IOException {
        Path flag = file("flag.json", "{}");
        Path named = file("named.json", "{}");
        Path home = dir.resolve("home");
        Files.createDirectories(home.resolve(".config/llm-os"));
        Path own = file("home/.config/llm-os/llm.json", "{}");
        Map<String, String> env = Map.of("LLMOS_LLM_CONFIG", named.toString());

        assertEquals(List.of(Optional.of(flag), Optional.of(named), Optional.of(own)), List.of(
                ModelConfigLoader.locate(flag, env, home),
                ModelConfigLoader.locate(null, env, home),
                ModelConfigLoader.locate(null, Map.of(), home)));
    }

    @Test
    void aNamedConfigFileThatIsMissingIsAnError() {
        Path missing = dir.resolve("nope.json");
        assertEquals("model config " + missing + " does not exist", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.locate(missing, Map.of(), dir)).getMessage());
    }

    @Test
    void anUnclosedQuoteInTheLaunchCommandIsAnError() {
        assertEquals("launch command has an unclosed \" quote: llama-server -m \"/models/x", assertThrows(ConfigException.class,
                () -> ModelConfigLoader.load(Map.of("launch", "llama-server -m \"/models/x"), Map.of(), Optional.empty()))
                .getMessage());
    }
}
