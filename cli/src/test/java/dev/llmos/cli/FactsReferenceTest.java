package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.cli.factsdoc.FactsMarkdown;
import dev.llmos.cli.policytest.SuiteLoader;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the fact reference in the policy guide, and the suite schema beside the shipped suites, are what the code says. */
class FactsReferenceTest {

    static final Path GUIDE = Cli.ROOT.resolve("docs/policy-guide.md");

    @TempDir
    Path tmp;

    @Test
    void theGuidesReferenceIsWhatPolicyFactsGenerates() throws IOException {
        Cli.Result r = Cli.in(tmp).run("policy", "facts");
        assertEquals(r.out(), FactsMarkdown.block(Files.readString(GUIDE)),
                "docs/policy-guide.md's generated fact reference is out of date; regenerate it with"
                        + " `bin/llmsh policy facts --update docs/policy-guide.md` (after mvn -DskipTests package) and commit it");
    }

    @Test
    void updateRewritesOnlyTheGeneratedBlock() throws IOException {
        Path doc = tmp.resolve("guide.md");
        Files.writeString(doc, "# intro\n\n" + FactsMarkdown.BEGIN + "\nstale\n" + FactsMarkdown.END + "\n\n## after\n");
        Cli.Result r = Cli.in(tmp).run("policy", "facts", "--update", doc.toString());
        String generated = Cli.in(tmp).run("policy", "facts").out();
        assertEquals(List.of(0, "# intro\n\n" + FactsMarkdown.BEGIN + "\n" + generated + FactsMarkdown.END + "\n\n## after\n"),
                List.of(r.code(), Files.readString(doc)));
    }

    @Test
    void jsonDescribesEveryActionKindOfTheRegistry() throws IOException {
        JsonNode json = Json.mapper().readTree(Cli.in(tmp).run("policy", "facts", "--format", "json").out());
        List<String> actions = new ArrayList<>();
        json.path("facts").forEach(f -> {
            if (f.hasNonNull("action")) {
                actions.add(f.path("action").asText());
            }
        });
        assertEquals(new TreeSet<>(ActionRegistry.discover().types()), new TreeSet<>(actions));
    }

    @Test
    void theCommittedSuiteSchemaIsTheOneTheRunnerValidatesWith() throws IOException {
        assertEquals(SuiteLoader.schema(), Json.mapper().readTree(Cli.SHIPPED_POLICY.resolve("tests/suite.schema.json").toFile()),
                "policies/tests/suite.schema.json differs from cli/src/main/resources/dev/llmos/cli/policytest/suite.schema.json;"
                        + " copy the resource over it");
    }
}
