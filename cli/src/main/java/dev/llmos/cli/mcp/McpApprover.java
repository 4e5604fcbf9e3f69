package dev.llmos.cli.mcp;

import dev.llmos.cli.run.ActionText;
import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.Decision;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * asks a person about each CONFIRM action in plan order and stops at the first no, as llmsh run
 * does (docs/decisions/0004): through mcp elicitation when the client declared it, else on the
 * controlling terminal of llmsh mcp, else nobody, which approves nothing. what the agent put in its
 * arguments is never read here: only a person's answer approves.
 */
final class McpApprover implements Approver {

    static final String TTY = "/dev/tty";

    private final McpSyncServerExchange exchange;
    private final ConfirmVia via;
    private final String tty;
    /** why nothing (or not everything) was approved, for the tool result; null when all was. */
    private String refusal;

    McpApprover(McpSyncServerExchange exchange, ConfirmVia via, String tty) {
        this.exchange = exchange;
        this.via = via;
        this.tty = tty;
    }

    String refusal() {
        return refusal;
    }

    @Override
    public Set<String> approve(DecidedPlan plan) {
        Set<String> approved = new LinkedHashSet<>();
        List<PlannedAction> pending = plan.toConfirm();
        if (pending.isEmpty()) {
            return approved;
        }
        boolean elicit = (via == ConfirmVia.AUTO || via == ConfirmVia.ELICIT) && clientElicits();
        boolean terminal = !elicit && (via == ConfirmVia.AUTO || via == ConfirmVia.TTY) && terminalPresent();
        if (!elicit && !terminal) {
            refusal = "nobody could be asked: " + whyNobody();
            return approved;
        }
        for (PlannedAction action : pending) {
            String question = question(action, plan.decision(action.id()), clientName());
            boolean yes = elicit ? elicit(question) : askTerminal(question);
            if (!yes) {
                refusal = (elicit ? "the person declined through the client" : "the person at the terminal declined")
                        + " (" + action.id() + "); it and everything after it did not run";
                break;
            }
            approved.add(action.id());
        }
        return approved;
    }

    private String whyNobody() {
        return switch (via) {
            case NEVER -> "llmsh mcp runs with --confirm never";
            case ELICIT -> "the client did not declare the elicitation capability (--confirm elicit)";
            case TTY -> "llmsh mcp has no controlling terminal (--confirm tty)";
            case AUTO -> "the client did not declare the elicitation capability and llmsh mcp has no controlling terminal";
        };
    }

    private boolean clientElicits() {
        McpSchema.ClientCapabilities caps = exchange.getClientCapabilities();
        return caps != null && caps.elicitation() != null;
    }

    private boolean terminalPresent() {
        // opening it fails with ENXIO when the process has no controlling terminal
        try (FileInputStream ignored = new FileInputStream(tty)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String clientName() {
        McpSchema.Implementation info = exchange.getClientInfo();
        return info == null || info.name() == null ? "an mcp client" : info.name();
    }

    static String question(PlannedAction action, Decision decision, String client) {
        String justification = decision.justification() == null ? "" : " (" + decision.justification() + ")";
        return "llm-os: an mcp client (it calls itself \"" + plain(client) + "\") asks to run " + action.id() + ": "
                + plain(ActionText.describe(action))
                + "\nwhy, says the agent: " + plain(action.header().reason())
                + "\npolicy rule " + decision.rule() + " asks a person first: " + plain(decision.reason() + justification)
                + "\nscope: " + plain(decision.scope().describe())
                + "\napprove?";
    }

    /**
     * the agent's words on one line with no control characters: a newline could forge a line of the
     * question ("policy rule ... allows this") and an escape sequence could redraw a terminal.
     */
    static String plain(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                out.append("\\n");
            } else if (Character.isISOControl(c) || Character.getType(c) == Character.FORMAT) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }

    private boolean elicit(String question) {
        Map<String, Object> schema = Map.of(
                "type", "object",
                "properties", Map.of("approve", Map.of("type", "boolean", "title", "Approve",
                        "description", "run this action now")),
                "required", List.of("approve"));
        try {
            McpSchema.ElicitResult answer = exchange.createElicitation(
                    McpSchema.ElicitRequest.builder().message(question).requestedSchema(schema).build());
            return answer.action() == McpSchema.ElicitResult.Action.ACCEPT && answer.content() != null
                    && Boolean.TRUE.equals(answer.content().get("approve"));
        } catch (RuntimeException e) {
            // a client that fails to ask has not approved
            return false;
        }
    }

    private boolean askTerminal(String question) {
        try (FileInputStream in = new FileInputStream(tty); FileOutputStream out = new FileOutputStream(tty)) {
            PrintWriter to = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
            to.print("\n" + question + " [y/N] ");
            to.flush();
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            boolean yes = line != null && (line.trim().equalsIgnoreCase("y") || line.trim().equalsIgnoreCase("yes"));
            to.println(yes ? "approved" : "not approved");
            return yes;
        } catch (IOException e) {
            return false;
        }
    }
}
