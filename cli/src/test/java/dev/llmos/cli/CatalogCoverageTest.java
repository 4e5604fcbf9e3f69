package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
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
        for (String type : registered) {
            Cli.Result r = Cli.in(tmp).run("actions", "--schema", type);
            JsonNode s = r.code() == 0 ? Json.mapper().readTree(r.out()) : null;
            // the four header fields every action has (id, type, reason, danger) and at least one of its own
            if (s == null || !s.path("properties").has("reason") || s.path("properties").size() < 5
                    || !s.path("description").isTextual()) {
                problems.add(type + ": exit " + r.code() + " " + r.err() + r.out());
            }
        }
        assertEquals(List.of(), problems);
    }
}
