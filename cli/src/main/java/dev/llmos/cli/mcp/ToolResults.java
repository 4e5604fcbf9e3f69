package dev.llmos.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.cli.run.DecisionTable;
import dev.llmos.cli.run.ResultView;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.llm.Redactor;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * tool results: {@code structuredContent} carries the outcome as llmsh run --json prints it, text
 * content says it for people; both redacted as results are for the planner. a run that did not
 * complete is a tool error, so the agent sees it and can re-plan.
 */
final class ToolResults {

    static final String HOW_TO_APPROVE = "to approve it, a person can run the same plan with `llmsh run PLAN.json` at a terminal"
            + " (the plan is in structuredContent.plan), start llmsh mcp from a terminal, or use an mcp client that supports"
            + " elicitation; the agent cannot approve it by saying so";

    private final Redactor redactor;

    ToolResults(Redactor redactor) {
        this.redactor = redactor;
    }

    McpSchema.CallToolResult ran(RunOutcome unredacted, JsonNode plan, String refusal, boolean single) {
        // redacted once, as a whole, then both views are rendered from it: redacting rendered text
        // again would read a json escape such as \n as part of a secret
        RunOutcome outcome = redacted(unredacted);
        ObjectNode body = (ObjectNode) Json.mapper().valueToTree(outcome);
        body.put("summary", ResultView.summary(outcome));
        StringBuilder text = new StringBuilder();
        switch (outcome.status()) {
            case DENIED -> denied(outcome, text);
            case NOT_APPROVED -> {
                notApproved(outcome, refusal, text);
                body.put("how_to_approve", HOW_TO_APPROVE);
                if (plan != null) {
                    body.set("plan", plan);
                }
            }
            case COMPLETED, FAILED, DRY_RUN -> text.append(render(out -> ResultView.results(out, outcome)));
            case PLANONLY -> text.append(render(out -> ResultView.planOnly(out, outcome)));
        }
        if (single && outcome.actions().size() == 1 && outcome.actions().getFirst().result() != null
                && outcome.actions().getFirst().result().data() != null) {
            text.append("data:\n").append(Json.pretty(outcome.actions().getFirst().result().data())).append('\n');
        }
        text.append(ResultView.summary(outcome));
        boolean error = outcome.status() != RunStatus.COMPLETED && outcome.status() != RunStatus.PLANONLY;
        return result(body, text.toString(), error, false);
    }

    private RunOutcome redacted(RunOutcome outcome) {
        try {
            return Json.mapper().treeToValue(redactor.redact(Json.mapper().valueToTree(outcome)), RunOutcome.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot redact the outcome: " + e.getOriginalMessage(), e);
        }
    }

    McpSchema.CallToolResult explained(DecidedPlan decided) {
        List<ActionReport> rows = DecisionTable.rows(decided);
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("goal", decided.plan().goal());
        body.put("plan_digest", decided.plan().digest());
        body.put("policy_digest", decided.policyDigest());
        body.put("verdict", overall(decided).wire());
        body.set("actions", Json.mapper().valueToTree(rows));
        String text = render(out -> DecisionTable.print(out, decided.plan(), decided.policyDigest(), rows));
        return result(body, text + "overall: " + overall(decided).wire() + " (nothing ran)", false, true);
    }

    McpSchema.CallToolResult invalid(String tool, List<PlanError> errors) {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("status", "invalid");
        ArrayNode list = body.putArray("errors");
        errors.forEach(e -> list.addObject().put("field", e.pointer().isEmpty() ? "/" : e.pointer()).put("message", e.message()));
        StringBuilder text = new StringBuilder("invalid arguments for " + tool + ", nothing ran:\n");
        errors.forEach(e -> text.append("  ").append(e).append('\n'));
        return result(body, text.toString().stripTrailing(), true, true);
    }

    McpSchema.CallToolResult failed(String message) {
        ObjectNode body = Json.mapper().createObjectNode().put("status", "error").put("error", message);
        return result(body, message, true, true);
    }

    private static void denied(RunOutcome outcome, StringBuilder text) {
        for (ActionReport r : outcome.actions()) {
            Decision d = r.decision();
            if (d != null && d.verdict() == Verdict.DENY) {
                text.append("denied ").append(r.id()).append(" (").append(r.type()).append(") by rule ").append(d.rule())
                        .append(": ").append(d.reason()).append('\n');
                if (d.justification() != null) {
                    text.append("  why the rule exists: ").append(d.justification()).append('\n');
                }
                text.append("  safer alternative: ").append(d.alternative() == null ? "none offered by the rule" : d.alternative()).append('\n');
            }
        }
        text.append("nothing ran.\n");
    }

    private static void notApproved(RunOutcome outcome, String refusal, StringBuilder text) {
        for (ActionReport r : outcome.actions()) {
            Decision d = r.decision();
            if (d != null && d.verdict() == Verdict.CONFIRM && r.id().equals(outcome.failedAction())) {
                text.append(r.id()).append(" (").append(r.type()).append(") needs a person's confirmation: rule ").append(d.rule())
                        .append(": ").append(d.reason()).append('\n');
            }
        }
        if (refusal != null) {
            text.append(refusal).append('\n');
        }
        text.append(HOW_TO_APPROVE).append(".\n");
    }

    private static Verdict overall(DecidedPlan decided) {
        if (decided.anyDenied()) {
            return Verdict.DENY;
        }
        return decided.toConfirm().isEmpty() ? Verdict.ALLOW : Verdict.CONFIRM;
    }

    @SuppressWarnings("unchecked")
    private McpSchema.CallToolResult result(ObjectNode body, String text, boolean error, boolean redactText) {
        Map<String, Object> structured = Json.mapper().convertValue(redactor.redact(body), Map.class);
        return McpSchema.CallToolResult.builder()
                .addTextContent(redactText ? redactor.redact(text) : text)
                .structuredContent(structured)
                .isError(error)
                .build();
    }

    private static String render(Consumer<PrintWriter> view) {
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        view.accept(out);
        out.flush();
        return buffer.toString();
    }
}
