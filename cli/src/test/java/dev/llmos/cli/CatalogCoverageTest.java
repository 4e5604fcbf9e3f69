package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * every registered action reaches every generated listing with no hand edit: a package and its
 * services line are all it takes (docs/extending.md). the type list comes from the registry, so a
 * new action is checked here the moment it is registered.
 */
class CatalogCoverageTest {

    @TempDir
    Path tmp;

    private final List<String> registered = List.copyOf(ActionRegistry.discover().types());

    @Test
    void everyRegisteredTypeIsListedByLlmshActions() {
        Cli.Result r = Cli.in(tmp).run("actions");
        List<String> listed = Arrays.stream(r.out().split("\n")).skip(1).map(l -> l.split("\\s+")[0]).sorted().toList();
        assertEquals(registered.stream().sorted().toList(), listed);
    }

    @Test
    void everyRegisteredTypeIsInThePlanSchemasTypeEnumAndHasADefinition() throws IOException {
        JsonNode schema = Json.mapper().readTree(Cli.in(tmp).run("schema").out());
        List<String> inEnum = new ArrayList<>();
        schema.path("definitions").path("action").path("properties").path("type").path("enum")
                .forEach(t -> inEnum.add(t.asText()));
        List<String> defined = registered.stream().filter(t -> schema.path("definitions").path(t).isObject()).toList();
        assertEquals(List.of(registered.stream().sorted().toList(), registered),
                List.of(inEnum.stream().sorted().toList(), defined));
    }

    @Test
    void everyRegisteredTypeHasItsOwnSchemaFromLlmshActionsSchema() throws IOException {
        List<String> problems = new ArrayList<>();
        for (ActionSpec<?> spec : ActionRegistry.discover().specs()) {
            Cli.Result r = Cli.in(tmp).run("actions", "--schema", spec.type());
            // the four header fields every action has, then exactly the fields its fragment declares
            List<String> expected = new ArrayList<>(List.of("id", "type", "reason", "danger"));
            spec.schema().path("properties").fieldNames().forEachRemaining(expected::add);
            List<String> shown = new ArrayList<>();
            if (r.code() == 0) {
                Json.mapper().readTree(r.out()).path("properties").fieldNames().forEachRemaining(shown::add);
            }
            if (!shown.equals(expected)) {
                problems.add(spec.type() + ": exit " + r.code() + ", fields " + shown + ", expected " + expected);
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void everyRegisteredTypeHasASectionInTheGeneratedReference() {
        Cli.Result r = Cli.in(tmp).run("actions", "--markdown");
        List<String> sections = Arrays.stream(r.out().split("\n")).filter(l -> l.startsWith("### "))
                .map(l -> l.substring(4)).toList();
        assertEquals(List.of(0, registered), List.of(r.code(), sections));
    }

    @Test
    void theReferenceListsAnActionsFieldsWithTypeRequiredAndDescription() {
        String out = Cli.in(tmp).run("actions", "--markdown").out();
        String readFile = out.substring(out.indexOf("### read_file"), out.indexOf("\n### ", out.indexOf("### read_file") + 1));
        assertEquals("""
                ### read_file

                read the start of a regular file (utf-8 text, or base64 when binary).

                Effect: read-only; dry run: yes; undo: no.

                | field | type | required | description |
                |---|---|---|---|
                | `path` | string | yes | absolute path of a regular file |
                | `max_bytes` | integer | no | the most bytes to return (default 65536) |
                """, readFile);
    }
}
