package dev.llmos.llm;

import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Output;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

/** the real action registry (the actions module, test scope) and canned plans and outcomes. */
public final class Fixtures {

    public static final ActionRegistry REGISTRY = ActionRegistry.discover();
    public static final PlanParser PARSER = new PlanParser(REGISTRY);

    /** an actionplan as a strict-mode model writes it: every field present, optional ones null. */
    public static final String DF_PLAN = """
            {"version":1,"mode":"actionplan","goal":"show disk usage","steps":[],"actions":[
              {"id":"a1","type":"exec","reason":"measure free space","danger":null,
               "argv":["df","-h","/"],"cwd":null,"timeout_sec":30,"as_root":null,"env":null}]}""";

    /** the same plan as the engine sees it after normalisation. */
    public static final String DF_PLAN_NORMALISED = """
            {"version":1,"mode":"actionplan","goal":"show disk usage","actions":[
              {"id":"a1","type":"exec","reason":"measure free space","argv":["df","-h","/"],"timeout_sec":30}]}""";

    public static final String ANSWER = """
            {"version":1,"mode":"planonly","goal":"/ has 12G free of 40G (70% used)",
             "steps":["df reports 28G used, 12G available on /"],"actions":[]}""";

    private Fixtures() {
    }

    public static ModelConfig config(String baseUrl) {
        return ModelConfig.defaults().withBaseUrl(baseUrl).withTimeout(Duration.ofSeconds(10));
    }

    /** a run of {@link #DF_PLAN} whose output holds {@code stdout}. */
    public static RunOutcome outcome(String stdout) {
        Decision decision = new Decision("a1", Verdict.ALLOW, "exec.read-only", "reading disk usage changes nothing",
                "df only reads", null, List.of(), List.of(), List.of());
        ActionResult result = new ActionResult(ActionStatus.OK, 0, 12L, new Output(stdout, stdout.length(), false),
                Output.EMPTY, List.of(), null, null, List.of(), null);
        return new RunOutcome(RunStatus.COMPLETED, "show disk usage", "actionplan", "d1gest", "p0licy", "alice", List.of(),
                List.of(new ActionReport("a1", "exec", "measure free space", Danger.NONE, decision, result)), null, List.of());
    }

    public static com.fasterxml.jackson.databind.node.ObjectNode json(String text) {
        try {
            return (com.fasterxml.jackson.databind.node.ObjectNode) dev.llmos.engine.json.Json.mapper().readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** a loopback port nothing listens on. */
    public static int closedPort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
