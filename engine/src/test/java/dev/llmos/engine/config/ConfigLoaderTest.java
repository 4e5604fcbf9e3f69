package dev.llmos.engine.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ConfigLoaderTest {

    /** a config record of each kind of value a config file holds. */
    record Sample(String socketPath, Integer maxClients, Double warmSec, List<String> allowedGroups) {
    }

    @TempDir
    Path tmp;

    private Path file(String text) throws IOException {
        return Files.writeString(tmp.resolve("c.json"), text);
    }

    private ConfigException refused(String text) throws IOException {
        Path f = file(text);
        return assertThrows(ConfigException.class, () -> ConfigLoader.read("config", f, Sample.class));
    }

    @Test
    void bindsSnakeCaseKeysToTheRecordAndLeavesAbsentOnesNull() throws IOException {
        Path f = file("{\"socket_path\": \"/run/x.sock\", \"warm_sec\": 1.5, \"allowed_groups\": [\"llmos\", \"adm\"]}");
        assertEquals(new Sample("/run/x.sock", null, 1.5, List.of("llmos", "adm")), ConfigLoader.read("config", f, Sample.class));
    }

    @Test
    void aWholeNumberIsANumberToo() throws IOException {
        assertEquals(new Sample(null, null, 2.0, null), ConfigLoader.read("config", file("{\"warm_sec\": 2}"), Sample.class));
    }

    @Test
    void anUnknownKeyIsRefusedNamingFileKeyAndTheKnownKeys() throws IOException {
        ConfigException e = refused("{\"max_client\": 3}");
        assertEquals("config " + tmp.resolve("c.json") + ": /max_client: unknown key max_client"
                + " (known: allowed_groups, max_clients, socket_path, warm_sec)", e.getMessage());
        assertEquals("/max_client", e.pointer());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a string for a whole number   | {\"max_clients\": \"8\"}            | /max_clients      | expected a whole number, got a string",
            "a fraction for a whole number | {\"max_clients\": 8.5}              | /max_clients      | expected a whole number, got a fraction",
            "a number for a string         | {\"socket_path\": 7}                | /socket_path      | expected a string, got a whole number",
            "a string for a number         | {\"warm_sec\": \"60\"}              | /warm_sec         | expected a number, got a string",
            "a string for a list           | {\"allowed_groups\": \"a,b\"}       | /allowed_groups   | expected a list, got a string",
            "a number in a list of strings | {\"allowed_groups\": [\"a\", 2]}    | /allowed_groups/1 | expected a string, got a whole number",
            "a list for a string           | {\"socket_path\": [\"/x\"]}         | /socket_path      | expected a string, got a list",
            "true for a whole number       | {\"max_clients\": true}             | /max_clients      | expected a whole number, got true"})
    void aValueOfTheWrongTypeNamesTheExpectedType(String why, String text, String pointer, String problem) throws IOException {
        ConfigException e = refused(text);
        assertEquals(List.of(pointer, problem), List.of(e.pointer(), e.problem()), e.getMessage());
    }

    @Test
    void aKeyGivenTwiceIsRefused() throws IOException {
        ConfigException e = refused("{\"max_clients\": 3,\n \"max_clients\": 4}");
        assertEquals("config " + tmp.resolve("c.json") + ": /max_clients: duplicate key; each key may appear once", e.getMessage());
    }

    @Test
    void aNullIsRefusedRatherThanTakenAsTheDefault() throws IOException {
        ConfigException e = refused("{\"socket_path\": null}");
        assertEquals(List.of("/socket_path", "null is not a value here; leave the key out for the default"),
                List.of(e.pointer(), e.problem()));
    }

    @Test
    void somethingOtherThanAnObjectIsRefused() throws IOException {
        ConfigException e = refused("[\"socket_path\"]");
        assertEquals(List.of("", "expected a json object, got a list"), List.of(e.pointer(), e.problem()));
    }

    @Test
    void brokenJsonSaysWhere() throws IOException {
        ConfigException e = refused("{\"max_clients\": 3,\n  \"socket_path\" \"/x\"}");
        assertEquals("", e.pointer());
        assertEquals(true, e.problem().startsWith("not valid json at line 2, column 17: "), e.problem());
    }

    @Test
    void propertiesSyntaxIsNotJson() throws IOException {
        ConfigException e = refused("max_clients=3\n");
        assertEquals(true, e.problem().startsWith("not valid json at line 1, column "), e.problem());
    }

    @Test
    void trailingTextAfterTheObjectIsRefused() throws IOException {
        ConfigException e = refused("{} {}");
        assertEquals("", e.pointer());
    }

    @Test
    void aMissingOrEmptyFileSaysSo() throws IOException {
        Path missing = tmp.resolve("none.json");
        assertEquals("config " + missing + " does not exist",
                assertThrows(ConfigException.class, () -> ConfigLoader.read("config", missing, Sample.class)).getMessage());
        assertEquals("config " + tmp.resolve("c.json") + " is empty; write a json object, {} for all defaults", refused("  \n").getMessage());
    }

    @Test
    void entriesAreTheGivenKeysByTheirFileNames() {
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("max_clients", 3);
        expected.put("allowed_groups", List.of("a"));
        assertEquals(expected, ConfigLoader.entries(new Sample(null, 3, null, List.of("a"))));
        assertEquals(List.of("allowed_groups", "max_clients", "socket_path", "warm_sec"), ConfigLoader.keys(Sample.class));
    }
}
