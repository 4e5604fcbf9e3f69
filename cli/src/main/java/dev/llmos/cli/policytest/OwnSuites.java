package dev.llmos.cli.policytest;

import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.TracedDecisions;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicySuiteCheck;
import dev.llmos.engine.registry.ActionRegistry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * a policy's own {@code tests/} suites, run where the policy changes ({@code policy check},
 * {@code policy.reload}): a policy whose suites fail is refused, as a rule whose examples fail is.
 */
public final class OwnSuites implements PolicySuiteCheck {

    private final ActionRegistry registry;
    private final Settings settings;

    /** @param settings where state, audit log and cache live: protected paths, as at run time */
    public OwnSuites(ActionRegistry registry, Settings settings) {
        this.registry = registry;
        this.settings = settings;
    }

    @Override
    public List<String> failures(Path policyDir, PolicyEngine policy) {
        Path tests = policyDir.resolve("tests");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        List<Path> files = SuiteLoader.discover(tests);
        List<String> out = new ArrayList<>();
        List<Suite> suites;
        try {
            suites = new SuiteLoader(new PlanParser(registry), p -> policyDir.relativize(p).toString()).load(files);
        } catch (MalformedSuiteException e) {
            e.problems().forEach(p -> out.add(p.toString()));
            out.add(e.getMessage());
            return out;
        }
        TracedDecisions decisions = new TracedDecisions(registry, policy, settings.withPolicy(policyDir));
        TestRun run = new SuiteRunner(decisions).run(policyDir.toString(), suites, null);
        for (CaseResult r : run.results()) {
            switch (r.status()) {
                case PASS -> { }
                case ERROR -> out.add(r.id() + ": " + r.error());
                case FAIL -> r.actions().stream().filter(a -> !a.passed()).forEach(a -> out.add(r.id() + ": " + a.actionId()
                        + " (" + a.label() + ") expected " + a.expected().decision() + ", got " + a.actual().verdict()
                        + " by " + a.actual().rule() + " (differs: " + String.join(", ", a.differs()) + ")"));
            }
        }
        return out;
    }
}
