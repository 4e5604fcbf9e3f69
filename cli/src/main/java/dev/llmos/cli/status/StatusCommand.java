package dev.llmos.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.cli.app.DaemonErrors;
import dev.llmos.cli.app.DaemonUnreachableException;
import dev.llmos.cli.app.Daemons;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.json.Json;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.daemon.client.RpcException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llmsh status}: plans llm-osd holds, and any a crash interrupted, with the step and the way back. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"show llm-osd's plans (DECIDED, RUNNING, CANCELLING, then how they ended: COMPLETED, FAILED, CANCELLED, ...),",
                "and plans a crash INTERRUPTED (the step they were on, their recovery steps; llmsh recover runs them)"})
public final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--plan", paramLabel = "ID", description = "only this plan")
    String planId;

    @Option(names = "--json", description = "print llm-osd's answer as json")
    boolean json;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        Settings settings = Wiring.settings(root);
        Path socket = Daemons.socket(root, settings);
        JsonNode status;
        try (DaemonClient client = DaemonClient.connect(socket)) {
            status = client.call(Method.PLAN_STATUS, new Params.Status(planId));
        } catch (IOException e) {
            throw new DaemonUnreachableException("llm-osd does not answer at " + socket + " (" + e.getMessage()
                    + "); status needs the daemon, which keeps the journal: start it (systemctl start llm-osd) or name its socket with --socket");
        } catch (RpcException e) {
            throw DaemonErrors.of(e);
        }
        if (json) {
            io.out().println(Json.pretty(status));
            return ExitCodes.OK;
        }
        print(io.out(), status);
        return ExitCodes.OK;
    }

    static void print(PrintWriter out, JsonNode status) {
        JsonNode interrupted = status.path("interrupted");
        if (interrupted.isEmpty()) {
            out.println("no interrupted plans");
        }
        for (JsonNode p : interrupted) {
            out.println("INTERRUPTED " + p.path("plan_id").asText() + "  " + p.path("goal").asText());
            out.println("  by " + p.path("user").asText() + ", last update " + p.path("updated").asText());
            int step = p.path("step").asInt(-1);
            out.println(step < 0 ? "  stopped before its first step"
                    : "  was on step " + (step + 1) + " (" + p.path("action").asText() + ") when llm-osd stopped");
            out.println("  completed: " + (p.path("finished").isEmpty() ? "nothing" : join(p.path("finished"))));
            if (p.path("recovery").isEmpty()) {
                out.println("  recovery: none attached by policy");
            }
            for (JsonNode r : p.path("recovery")) {
                out.println("  recovery for " + r.path("action").asText() + ": " + r.path("step").asText()
                        + (r.path("automatic").asBoolean() ? " (automatic)" : " (offered)"));
            }
            if (!p.path("recovery").isEmpty()) {
                out.println("  to run the automatic steps: llmsh recover " + p.path("plan_id").asText());
            }
        }
        JsonNode plans = status.path("plans");
        if (!plans.isEmpty()) {
            out.println();
            out.println("plans held by llm-osd:");
            for (JsonNode p : plans) {
                out.println("  " + p.path("plan_id").asText() + "  " + p.path("state").asText().toUpperCase(java.util.Locale.ROOT) + "  "
                        + p.path("user").asText() + "  " + p.path("goal").asText());
            }
        }
        out.flush();
    }

    private static String join(JsonNode array) {
        StringBuilder sb = new StringBuilder();
        array.forEach(n -> sb.append(sb.isEmpty() ? "" : ", ").append(n.asText()));
        return sb.toString();
    }
}
