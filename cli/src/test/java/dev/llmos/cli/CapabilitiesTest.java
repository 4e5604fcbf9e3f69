package dev.llmos.cli;

import dev.llmos.cli.catalog.ActionList;
import dev.llmos.cli.mcpprobe.ProbeHandler;
import dev.llmos.cli.policytest.Capabilities;
import dev.llmos.cli.policytest.Suite;
import dev.llmos.cli.policytest.SuiteLoader;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * mvn verify fails when a registered action type has no rule that decides it, no case in the
 * shipped suites or no documentation: the steps of adding a capability that nothing else checks.
 */
class CapabilitiesTest {

    private static DroolsPolicy policy;
    private static String docs;

    @BeforeAll
    static void loadTheShippedPolicyAndDocs() throws IOException {
        policy = DroolsPolicy.load(Cli.SHIPPED_POLICY, PolicyCache.inMemory());
        docs = ActionList.handWritten(Files.readString(Cli.ROOT.resolve("docs/actions.md")))
                + ActionList.handWritten(Files.readString(Cli.ROOT.resolve("README.md")));
    }

    private static List<Suite> suites(ActionRegistry registry) {
        return new SuiteLoader(new PlanParser(registry), p -> Cli.SHIPPED_POLICY.relativize(p).toString())
                .load(SuiteLoader.discover(Cli.SHIPPED_POLICY.resolve("tests")));
    }

    @Test
    void everyShippedTypeHasARuleACaseAndADocumentationSection() {
        ActionRegistry registry = ActionRegistry.discover();
        assertEquals(List.of(), Capabilities.missing(registry, policy, suites(registry), docs));
    }

    @Test
    void aRegisteredTypeWithNoRuleNoCaseAndNoDocsFailsNamingTheTypeAndEachMissingPiece() {
        List<ActionHandler<?>> handlers = new ArrayList<>();
        ServiceLoader.load(ActionHandler.class).forEach(h -> handlers.add(h));
        handlers.add(new ProbeHandler());
        ActionRegistry registry = ActionRegistry.of(handlers);
        assertEquals(List.of(
                "mcp_probe: no rule matches Probe, so nothing decides it; add a rule to the policy (or one that denies it outright)",
                "mcp_probe: no case in the policy's tests/ suites plans it; add one",
                "mcp_probe: no documentation names it; add a section to docs/actions.md"),
                Capabilities.missing(registry, policy, suites(registry), docs));
    }
}
