package dev.llmos.cli.policytest;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.rules.RuleInfo;

/** {@code --format json}: the whole run as one document, for scripts and ci dashboards. */
public final class JsonReport {

    private JsonReport() {
    }

    public static ObjectNode of(TestRun run, boolean coverage) {
        ObjectNode root = Json.mapper().createObjectNode();
        root.put("policy", run.policyDir());
        root.put("policy_digest", run.policyDigest());
        ArrayNode cases = root.putArray("cases");
        for (CaseResult r : run.results()) {
            ObjectNode c = cases.addObject();
            c.put("file", r.testCase().file());
            c.put("name", r.testCase().name());
            c.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
            c.put("duration_ns", r.duration().toNanos());
            if (r.error() != null) {
                c.put("error", r.error());
            }
            ArrayNode actions = c.putArray("actions");
            for (ActionCheck check : r.actions()) {
                ObjectNode a = actions.addObject();
                a.put("id", check.actionId());
                a.put("action", check.label());
                a.put("passed", check.passed());
                a.set("differs", Json.mapper().valueToTree(check.differs()));
                ObjectNode expected = a.putObject("expected");
                expected.put("decision", check.expected().decision().wire());
                if (check.expected().rule() != null) {
                    expected.put("rule", check.expected().rule());
                }
                if (check.expected().preconditions() != null) {
                    expected.set("preconditions", Json.mapper().valueToTree(check.expected().preconditions()));
                }
                if (check.expected().recovery() != null) {
                    expected.set("recovery", Json.mapper().valueToTree(check.expected().recovery()));
                }
                Decision d = check.actual();
                ObjectNode actual = a.putObject("actual");
                actual.put("decision", d.verdict().wire());
                actual.put("rule", d.rule());
                actual.put("reason", d.reason());
                actual.set("preconditions", Json.mapper().valueToTree(ActionCheck.descriptions(d.preconditions())));
                actual.set("recovery", Json.mapper().valueToTree(d.recovery().stream().map(s -> s.describe()).toList()));
            }
        }
        ObjectNode summary = root.putObject("summary");
        summary.put("total", run.results().size());
        summary.put("pass", run.count(CaseResult.Status.PASS));
        summary.put("fail", run.count(CaseResult.Status.FAIL));
        summary.put("error", run.count(CaseResult.Status.ERROR));
        if (coverage) {
            ObjectNode cov = root.putObject("coverage");
            cov.put("rules", run.rules().size());
            cov.put("fired", run.rules().size() - run.notFired().size());
            cov.put("percent", Math.round(run.coveragePercent() * 10) / 10.0);
            ArrayNode missed = cov.putArray("not_fired");
            for (RuleInfo rule : run.notFired()) {
                missed.addObject().put("id", rule.id()).put("name", rule.name()).put("file", rule.file()).put("line", rule.line());
            }
        }
        return root;
    }
}
