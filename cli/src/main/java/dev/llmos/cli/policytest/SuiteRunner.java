package dev.llmos.cli.policytest;

import dev.llmos.cli.app.TracedDecisions;
import dev.llmos.engine.policy.Decision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** decides every case's plan with the real pipeline and compares the decisions with what the case expects. */
public final class SuiteRunner {

    private final TracedDecisions decisions;

    public SuiteRunner(TracedDecisions decisions) {
        this.decisions = decisions;
    }

    /** @param filter cases whose {@code file:name} it finds are run; null runs all */
    public TestRun run(String policyDir, List<Suite> suites, Pattern filter) {
        List<CaseResult> results = new ArrayList<>();
        Set<String> fired = new LinkedHashSet<>();
        for (Suite suite : suites) {
            for (TestCase tc : suite.cases()) {
                if (filter == null || filter.matcher(tc.file() + ":" + tc.name()).find()) {
                    results.add(run(tc, fired));
                }
            }
        }
        return new TestRun(policyDir, decisions.policy().digest(), results, fired, decisions.rules());
    }

    private CaseResult run(TestCase tc, Set<String> fired) {
        long start = System.nanoTime();
        Sandbox sandbox = tc.usesSandbox() ? Sandbox.create() : null;
        try {
            TestCase.Resolved c = tc.resolve(sandbox == null ? "" : sandbox.path(), decisions.parser());
            if (sandbox != null) {
                sandbox.setUp(c.setup());
            }
            TracedDecisions.Traced traced = decisions.decide(c.plan(), c.requester(), c.host(), c.cwd());
            fired.addAll(traced.evaluation().fired());
            List<ActionCheck> checks = new ArrayList<>();
            for (Map.Entry<String, Expectation> e : c.expect().entrySet()) {
                Decision d = traced.decided().decision(e.getKey());
                String label = c.plan().actions().stream().filter(a -> a.id().equals(e.getKey()))
                        .map(ActionLabel::of).findFirst().orElse(e.getKey());
                checks.add(ActionCheck.of(e.getKey(), label, e.getValue(), d));
            }
            boolean passed = checks.stream().allMatch(ActionCheck::passed);
            return new CaseResult(tc, passed ? CaseResult.Status.PASS : CaseResult.Status.FAIL, since(start), checks, null);
        } catch (RuntimeException e) {
            // a case that cannot be decided (setup, a throwing rule) fails alone; the others still run
            return new CaseResult(tc, CaseResult.Status.ERROR, since(start), List.of(), e.getMessage());
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }

    private static Duration since(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
