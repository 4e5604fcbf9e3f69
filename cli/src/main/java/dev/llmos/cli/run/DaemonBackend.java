package dev.llmos.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.cli.app.DaemonErrors;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.JsonTrees;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.Decision;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidationException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * llm-osd decides and runs; this side shows and asks. the approval names the digest the daemon
 * returned with the decisions shown, so the daemon runs exactly what the person approved.
 */
final class DaemonBackend implements Backend {

    private final Path socket;
    private final DaemonClient client;
    private final Supplier<PlanParser> parser;
    private final Requester me;
    private String planId;
    private String digest;
    /** the plan parse returned and plan.submit's answer to it; a plan from elsewhere is submitted when decided */
    private Plan parsed;
    private JsonNode submitted;

    /**
     * on {@code client}, connected to llm-osd at {@code socket}, which this backend closes.
     * {@code parser} only for input the daemon cannot be sent (not json, not shaped like a plan).
     */
    DaemonBackend(Path socket, DaemonClient client, Supplier<PlanParser> parser) {
        this.socket = socket;
        this.client = client;
        this.parser = parser;
        this.me = HostProbe.system().currentProcess();
    }

    /**
     * the daemon validates (it does anyway): the plan is sent as it is and its errors come back
     * with their pointers. this side checks only what it must to send and show it (decision 0023).
     */
    @Override
    public Plan parse(String text) {
        JsonNode node;
        try {
            // jackson-core alone (decision 0023); what it refuses, the local check below names as ever
            node = JsonTrees.readStrict(text);
        } catch (IOException e) {
            node = null;
        }
        Optional<Plan> shown = ShownPlan.of(node);
        if (shown.isEmpty()) {
            // nothing the daemon could be sent: the local check says what is wrong (and throws)
            parsed = parser.get().parse(text);
        } else {
            parsed = shown.get();
        }
        submitted = call(Method.PLAN_SUBMIT, new Params.Submit(parsed.json()));
        return parsed;
    }

    @Override
    public RunOutcome planOnly(Plan plan) {
        return outcome(submitted(plan));
    }

    @Override
    public DecidedPlan decide(Plan plan) {
        JsonNode result = submitted(plan);
        planId = result.path("plan_id").asText();
        digest = result.path("digest").asText();
        Map<String, Decision> decisions = new LinkedHashMap<>();
        for (JsonNode action : result.path("actions")) {
            ActionReport report = DaemonAnswers.report(action);
            decisions.put(report.id(), report.decision());
        }
        return new DecidedPlan(plan, decisions, List.of(), result.path("policy_digest").asText(), me, HostProbe.system().host());
    }

    /** the daemon's, from plan.submit's answer: computing it here would start jackson's mapper (decision 0023). */
    @Override
    public String planDigest(Plan plan) {
        JsonNode digest = plan == parsed && submitted != null ? submitted.get("plan_digest") : null;
        return digest != null && digest.isTextual() ? digest.asText() : plan.digest();
    }

    @Override
    public RunOutcome run(DecidedPlan decided, Approver approver, boolean dryRun) {
        if (decided.anyDenied()) {
            // the daemon audited the submission with its decisions; nothing more to ask it
            return Pipeline.denied(decided);
        }
        if (dryRun) {
            return outcome(call(Method.PLAN_PREVIEW, new Params.PlanRef(planId)));
        }
        String approval = null;
        if (!decided.toConfirm().isEmpty()) {
            // an approval is always sent, even of nothing: the daemon then runs up to the first
            // step that needs one, as embedded mode does, and no plan runs by default
            Set<String> approved = approver.approve(decided);
            approval = call(Method.PLAN_APPROVE, new Params.Approve(planId, digest, List.copyOf(approved))).path("approval").asText();
        }
        return outcome(call(Method.PLAN_EXECUTE, new Params.Execute(planId, approval)));
    }

    /** on a second connection: the first is waiting for plan.execute's answer, which then says cancelled. */
    @Override
    public void cancel() {
        if (planId == null) {
            return;
        }
        try (DaemonClient other = DaemonClient.connect(socket)) {
            other.call(Method.PLAN_CANCEL, new Params.PlanRef(planId));
        } catch (RpcException ended) {
            // it ended before the cancel arrived: nothing is running
        } catch (IOException e) {
            throw new UncheckedIOException("llm-osd at " + socket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String where() {
        return "via llm-osd at " + socket;
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (IOException ignored) {
            // the connection is going away either way
        }
    }

    private JsonNode submitted(Plan plan) {
        return plan == parsed ? submitted : call(Method.PLAN_SUBMIT, new Params.Submit(plan.json()));
    }

    private JsonNode call(Method method, Params params) {
        try {
            return client.call(method, params);
        } catch (RpcException e) {
            if (e.error().code() == RpcError.PLAN_INVALID && e.error().data() != null) {
                List<PlanError> errors = new ArrayList<>();
                e.error().data().forEach(err -> errors.add(new PlanError(err.path("pointer").asText(), err.path("message").asText())));
                throw new PlanValidationException(errors);
            }
            // refusals about the plan itself (denied since, approval expired, already run) are a
            // failed run (exit 1); the rest as the readme's table says (DaemonErrors)
            if (e.error().code() == RpcError.PLAN_DENIED || e.error().code() == RpcError.APPROVAL_INVALID
                    || e.error().code() == RpcError.APPROVAL_REQUIRED || e.error().code() == RpcError.PLAN_STATE) {
                throw new IllegalStateException("llm-osd refused: " + e.getMessage(), e);
            }
            throw DaemonErrors.of(e);
        } catch (IOException e) {
            throw new UncheckedIOException("llm-osd at " + socket + ": " + e.getMessage(), e);
        }
    }

    /** the daemon adds the plan id beside the outcome, which the reader passes over. */
    private static RunOutcome outcome(JsonNode node) {
        return DaemonAnswers.outcome(node);
    }
}
