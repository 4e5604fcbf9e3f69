package dev.llmos.cli.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.run.Backend;
import dev.llmos.cli.run.Backends;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidationException;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * one tool call, through the same pipeline as {@code llmsh run}: the call becomes a one-action plan
 * (or is the plan), which the backend validates, decides, confirms with a person where policy asks,
 * runs and audits. calls run one at a time, as plans do from one shell.
 */
final class ToolCalls {

    private static final Logger LOG = LoggerFactory.getLogger(ToolCalls.class);

    private final CompletableFuture<Backends> backends;
    private final ToolResults results;
    private final ConfirmVia via;
    private final String tty;
    private final Object oneAtATime = new Object();

    ToolCalls(CompletableFuture<Backends> backends, ToolResults results, ConfirmVia via, String tty) {
        this.backends = backends;
        this.results = results;
        this.via = via;
        this.tty = tty;
    }

    McpSchema.CallToolResult call(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        String tool = request.name();
        JsonNode args = Json.mapper().valueToTree(request.arguments() == null ? Map.of() : request.arguments());
        boolean single = !tool.equals(ToolCatalog.PLAN) && !tool.equals(ToolCatalog.EXPLAIN);
        synchronized (oneAtATime) {
            try (Backend backend = backends.join().open()) {
                ObjectNode planJson = single ? onePlan(tool, (ObjectNode) args, client(exchange)) : (ObjectNode) args;
                Plan plan = backend.parse(Json.write(planJson));
                if (tool.equals(ToolCatalog.EXPLAIN)) {
                    return results.explained(backend.decide(plan));
                }
                if (plan.mode() == PlanMode.PLANONLY) {
                    return results.ran(backend.planOnly(plan), null, null, false);
                }
                DecidedPlan decided = backend.decide(plan);
                McpApprover approver = new McpApprover(exchange, via, tty);
                RunOutcome outcome = backend.run(decided, approver, false);
                return results.ran(outcome, planJson, approver.refusal(), single);
            } catch (PlanValidationException e) {
                return results.invalid(tool, single ? fieldErrors(e.errors()) : e.errors());
            } catch (CompletionException e) {
                return results.failed(tool + ": llm-os is not ready: " + e.getCause().getMessage());
            } catch (BadInputException | IllegalStateException | UncheckedIOException e) {
                return results.failed(tool + ": " + e.getMessage());
            } catch (RuntimeException e) {
                // a bug must not take the server down with it; the agent gets an error, stderr the trace
                LOG.error("tool {} failed unexpectedly", tool, e);
                return results.failed(tool + ": internal error (" + e.getClass().getSimpleName() + "): " + e.getMessage());
            }
        }
    }

    /** the one-action plan a call to an action's tool stands for. */
    static ObjectNode onePlan(String type, ObjectNode args, String client) {
        for (String owned : List.of("id", "type")) {
            if (args.has(owned)) {
                throw new PlanValidationException(List.of(new PlanError("/actions/0/" + owned,
                        owned + " is set by llmsh mcp, not by the caller")));
            }
        }
        ObjectNode plan = Json.mapper().createObjectNode();
        plan.put("version", 1).put("mode", "actionplan").put("goal", type + ", asked by " + client + " over mcp");
        ObjectNode action = plan.putArray("actions").addObject();
        action.put("id", "a1").put("type", type);
        if (!args.has("reason")) {
            action.put("reason", "asked by " + client + " over mcp");
        }
        action.setAll(args);
        return plan;
    }

    /** a one-action plan's errors in the caller's terms: the argument's name, not a pointer into a plan. */
    static List<PlanError> fieldErrors(List<PlanError> errors) {
        return errors.stream().map(e -> new PlanError(field(e.pointer()), e.message())).toList();
    }

    private static String field(String pointer) {
        String prefix = "/actions/0";
        if (pointer.startsWith(prefix + "/")) {
            return pointer.substring(prefix.length() + 1);
        }
        return pointer.equals(prefix) || pointer.isEmpty() ? "arguments" : pointer;
    }

    private static String client(McpSyncServerExchange exchange) {
        McpSchema.Implementation info = exchange.getClientInfo();
        if (info == null || info.name() == null || info.name().isBlank()) {
            return "an mcp client";
        }
        // the client names itself; a long name must not push the goal past the plan schema's limit
        return info.name().length() <= 100 ? info.name() : info.name().substring(0, 100) + "...";
    }
}
