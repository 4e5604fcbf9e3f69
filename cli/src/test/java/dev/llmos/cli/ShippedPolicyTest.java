package dev.llmos.cli;

import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.TracedDecisions;
import dev.llmos.cli.policytest.CaseResult;
import dev.llmos.cli.policytest.Suite;
import dev.llmos.cli.policytest.SuiteLoader;
import dev.llmos.cli.policytest.SuiteRunner;
import dev.llmos.cli.policytest.TestRun;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the shipped policy keeps deciding the same way after drools has jit-compiled its constraints.
 * what it decides is stated once, in policies/tests (ShippedPolicySuitesTest runs them); this runs
 * those same suites round after round. decided only: nothing here executes.
 */
class ShippedPolicyTest {

    @TempDir
    static Path tmp;

    /** drools-mvel 10.2.0 throws from jit-compiled str[...] constraints after ~20 runs (tech-notes): each round evaluates every constraint many times. */
    @Test
    void thousandsOfDecisionsOverTheShippedSuitesNeverThrowAndNeverDrift() {
        ActionRegistry registry = ActionRegistry.discover();
        List<Suite> suites = new SuiteLoader(new PlanParser(registry), Path::toString)
                .load(SuiteLoader.discover(Cli.SHIPPED_POLICY.resolve("tests")));
        Settings settings = new Settings(Optional.of(Cli.SHIPPED_POLICY), tmp.resolve("state"), tmp.resolve("audit.jsonl"),
                tmp.resolve("cache"), dev.llmos.cli.app.ConfigFile.NONE);
        SuiteRunner runner = new SuiteRunner(new TracedDecisions(registry,
                DroolsPolicy.load(Cli.SHIPPED_POLICY, PolicyCache.inMemory()), settings));
        List<String> wrong = new ArrayList<>();
        int decided = 0;
        for (int round = 0; round < 2; round++) {
            TestRun run = runner.run(Cli.SHIPPED_POLICY.toString(), suites, null);
            for (CaseResult r : run.results()) {
                decided++;
                if (r.status() != CaseResult.Status.PASS) {
                    wrong.add("round " + round + ", " + r.id() + ": " + r.status() + " " + r.error());
                }
            }
        }
        assertEquals(List.of(), wrong);
        assertTrue(decided >= 2 * 60, decided + " cases decided");
    }
}
