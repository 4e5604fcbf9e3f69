package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * mvn verify runs the shipped policy's own suites (policies/tests) through the real
 * {@code llmsh policy test}, as an administrator's ci would.
 */
class ShippedPolicySuitesTest {

    @TempDir
    static Path tmp;

    private static Cli.Result run;
    private static JsonNode report;

    @BeforeAll
    static void runTheShippedSuitesWithCoverage() throws IOException {
        run = Cli.in(tmp).run("policy", "test", Cli.SHIPPED_POLICY.resolve("tests").toString(), "--coverage", "--format", "json");
        report = Json.mapper().readTree(run.out());
    }

    @Test
    void everyShippedCasePasses() {
        List<String> failed = new ArrayList<>();
        report.path("cases").forEach(c -> {
            if (!c.path("status").asText().equals("pass")) {
                failed.add(c.path("file").asText() + ":" + c.path("name").asText() + " " + c.path("actions") + c.path("error"));
            }
        });
        assertEquals(List.of(0, List.of()), List.of(run.code(), failed), run.err());
    }

    @Test
    void theShippedSuitesHoldAtLeastSixtyCases() {
        int total = report.at("/summary/total").asInt();
        assertTrue(total >= 60, "only " + total + " cases in policies/tests");
    }

    /** a shipped rule no case exercises is a rule nobody proved: add a case to policies/tests for it. */
    @Test
    void everyShippedRuleFiresInSomeCase() {
        assertEquals("[]", report.at("/coverage/not_fired").toString());
    }
}
