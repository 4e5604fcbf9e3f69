package dev.llmos.cli.status;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.DaemonErrors;
import dev.llmos.cli.app.DaemonUnreachableException;
import dev.llmos.cli.app.Daemons;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Wiring;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.daemon.client.RpcException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llmsh recover PLAN_ID}: shows an interrupted plan's recovery steps, asks, and has llm-osd run them. */
@Command(name = "recover", mixinStandardHelpOptions = true,
        description = {"Run the automatic recovery of a plan a crash interrupted (see llmsh status): what finished is undone,",
                "newest first. Shows the steps and asks first."},
        footer = {"", "Exit codes: 0 the recovery ran, 1 not approved or a recovery step failed, 2 no such interrupted plan."})
public final class RecoverCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-y", "--yes"}, description = "run the recovery without asking (scripts)")
    boolean yes;

    @Parameters(paramLabel = "PLAN_ID", description = "the interrupted plan, as llmsh status shows it")
    String planId;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        Path socket = Daemons.socket(root, Wiring.settings(root));
        PrintWriter out = io.out();
        try (DaemonClient client = DaemonClient.connect(socket)) {
            JsonNode status = client.call(Method.PLAN_STATUS, new Params.Status(planId));
            if (status.path("interrupted").isEmpty()) {
                throw new BadInputException("no interrupted plan " + planId + " (llmsh status lists them)");
            }
            com.fasterxml.jackson.databind.node.ObjectNode shown = (com.fasterxml.jackson.databind.node.ObjectNode) status.deepCopy();
            shown.remove("plans");
            StatusCommand.print(out, shown);
            if (!approved(io, out)) {
                out.println("not recovered: nothing ran");
                out.flush();
                return ExitCodes.FAILED;
            }
            JsonNode done = client.call(Method.PLAN_RECOVER, new Params.PlanRef(planId));
            boolean failed = false;
            for (JsonNode r : done.path("recovery")) {
                out.println("  " + r.path("for_action").asText() + "  " + r.path("status").asText() + ": " + r.path("detail").asText());
                failed |= "failed".equals(r.path("status").asText());
            }
            out.println(failed ? "recovery failed in part; see above" : "recovered: " + done.path("recovery").size() + " step(s) ran");
            out.flush();
            return failed ? ExitCodes.FAILED : ExitCodes.OK;
        } catch (IOException e) {
            throw new DaemonUnreachableException("llm-osd does not answer at " + socket + " (" + e.getMessage()
                    + "); recover needs the daemon, which keeps the journal");
        } catch (RpcException e) {
            throw DaemonErrors.of(e);
        }
    }

    private boolean approved(Io io, PrintWriter out) throws IOException {
        if (yes) {
            out.println("recovery approved with --yes");
            return true;
        }
        if (!io.interactive()) {
            out.println("stdin is not a terminal, so nobody can answer; use --yes to recover from a script");
            return false;
        }
        out.print("run these recovery steps? [y/N] ");
        out.flush();
        String answer = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8)).readLine();
        return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
    }
}
