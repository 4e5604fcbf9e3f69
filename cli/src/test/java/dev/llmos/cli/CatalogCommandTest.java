package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code llmsh actions} and {@code llmsh schema}: generated from the registry, nothing hand-written. */
class CatalogCommandTest {

    @TempDir
    Path tmp;

    @Test
    void actionsListsEveryRegisteredTypeWithItsEffectAndSummary() {
        Cli.Result r = Cli.in(tmp).run("actions");
        assertEquals(0, r.code(), r.err());
        List<String> types = Arrays.stream(r.out().split("\n")).skip(1).map(l -> l.split("\\s+")[0]).toList();
        assertEquals(List.copyOf(ActionRegistry.discover().types()), types);
        ActionRegistry.discover().specs().forEach(spec -> assertEquals(1L, Arrays.stream(r.out().split("\n"))
                .filter(l -> l.startsWith(spec.type() + " ") && l.contains(" " + spec.effect().wire() + " ")
                        && l.endsWith(spec.summary())).count(), spec.type()));
    }

    @Test
    void actionsSchemaPrintsThatActionsGeneratedSchema() throws IOException {
        Cli.Result r = Cli.in(tmp).run("actions", "--schema", "write_file");
        assertEquals(0, r.code(), r.err());
        JsonNode expected = PlanSchema.ofAction(PlanSchema.generate(ActionRegistry.discover()), "write_file");
        assertEquals(expected, Json.mapper().readTree(r.out()));
    }

    @Test
    void actionsSchemaOfAnUnknownTypeIsBadInput() {
        Cli.Result r = Cli.in(tmp).run("actions", "--schema", "reboot");
        assertEquals(2, r.code());
        assertEquals("llmsh: unknown action type reboot (known: " + String.join(", ", ActionRegistry.discover().types())
                + ")\n", r.err());
    }

    @Test
    void schemaPrintsTheWholeGeneratedPlanSchema() throws IOException {
        Cli.Result r = Cli.in(tmp).run("schema");
        assertEquals(0, r.code(), r.err());
        assertEquals(PlanSchema.generate(ActionRegistry.discover()), Json.mapper().readTree(r.out()));
    }

    @Test
    void noSubcommandIsAUsageError() {
        Cli.Result r = Cli.in(tmp).run();
        assertEquals(2, r.code());
        assertEquals("llmsh: missing subcommand: try llmsh run PLAN.json, or llmsh --help\nusage: llmsh --help\n", r.err());
    }
}
