package dev.llmos.cli.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.DiskFree;
import dev.llmos.engine.policy.PathExists;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.spi.Output;
import dev.llmos.engine.spi.Preview;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.spi.Scope;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * llm-osd's answers (action reports, run outcomes) read from their json trees by hand: jackson's
 * record binding costs a short-lived client more than the rest of its run (decision 0023). the
 * records come out equal to what {@code Json.mapper().treeToValue} makes of the same tree
 * (DaemonAnswersTest); a member this side does not know is ignored rather than refused.
 */
final class DaemonAnswers {

    private DaemonAnswers() {
    }

    static RunOutcome outcome(JsonNode n) {
        return new RunOutcome(wire(n.get("status"), RunStatus.values(), RunStatus::wire), text(n, "goal"), text(n, "mode"),
                text(n, "plan_digest"), text(n, "policy_digest"), text(n, "user"), list(n.get("steps"), JsonNode::asText),
                list(n.get("actions"), DaemonAnswers::report), text(n, "failed_action"),
                list(n.get("recovery"), DaemonAnswers::recovery));
    }

    static ActionReport report(JsonNode n) {
        JsonNode danger = n.get("danger");
        return new ActionReport(text(n, "id"), text(n, "type"), text(n, "reason"),
                danger == null || danger.isNull() ? null : Danger.fromWire(danger.asText()),
                object(n.get("decision"), DaemonAnswers::decision), object(n.get("result"), DaemonAnswers::result));
    }

    static Decision decision(JsonNode n) {
        return new Decision(text(n, "action_id"), verdict(n.get("verdict")), text(n, "rule"), text(n, "justification"),
                text(n, "reason"), text(n, "alternative"), list(n.get("matches"), DaemonAnswers::match),
                list(n.get("preconditions"), DaemonAnswers::precondition), list(n.get("recovery"), DaemonAnswers::step),
                object(n.get("confine"), c -> new ResourceLimits(longOrNull(c, "memory_max_bytes"),
                        intOrNull(c, "cpu_quota_percent"), intOrNull(c, "pids_max"))),
                object(n.get("scope"), DaemonAnswers::scope));
    }

    private static ActionResult result(JsonNode n) {
        return new ActionResult(wire(n.get("status"), ActionStatus.values(), ActionStatus::wire), intOrNull(n, "exit_code"),
                longOrNull(n, "duration_ms"), object(n.get("stdout"), DaemonAnswers::output),
                object(n.get("stderr"), DaemonAnswers::output),
                list(n.get("changes"), c -> new Change(text(c, "kind"), text(c, "path"), longOrNull(c, "bytes_before"),
                        longOrNull(c, "bytes_after"), text(c, "backup"))),
                n.get("data"), text(n, "error"),
                list(n.get("checks"), c -> new ActionResult.CheckedPrecondition(text(c, "kind"), text(c, "precondition"),
                        c.path("ok").asBoolean(), text(c, "detail"))),
                object(n.get("preview"), p -> new Preview(text(p, "summary"), text(p, "diff"))));
    }

    private static RuleOutput.Match match(JsonNode n) {
        return new RuleOutput.Match(text(n, "action_id"), verdict(n.get("verdict")), text(n, "rule"),
                text(n, "justification"), text(n, "reason"), text(n, "alternative"));
    }

    /** as Precondition.FromJson reads one. */
    private static Precondition precondition(JsonNode n) {
        String kind = n.path("kind").asText();
        return switch (kind) {
            case "path_exists" -> new PathExists(n.path("path").asText());
            case "disk_free" -> new DiskFree(n.path("path").asText(), n.path("min_bytes").asLong());
            default -> new Precondition.Reported(kind, n.path("description").asText(kind));
        };
    }

    private static RecoveryStep step(JsonNode n) {
        boolean automatic = n.path("automatic").asBoolean();
        return switch (n.path("kind").asText()) {
            case "undo" -> new RecoveryStep.Undo(automatic);
            case "run_action" -> new RecoveryStep.RunAction(n.get("action"), automatic);
            default -> throw shape("an unknown recovery step kind " + n.path("kind"));
        };
    }

    private static RecoveryReport recovery(JsonNode n) {
        return new RecoveryReport(text(n, "for_action"), object(n.get("step"), DaemonAnswers::step), text(n, "status"),
                text(n, "detail"));
    }

    private static Scope scope(JsonNode n) {
        return new Scope(list(n.get("writable"), JsonNode::asText), list(n.get("readable"), JsonNode::asText),
                n.path("network").asBoolean(), n.path("root").asBoolean(), list(n.get("devices"), JsonNode::asText),
                n.path("unconfined").asBoolean());
    }

    private static Output output(JsonNode n) {
        return new Output(text(n, "text"), n.path("total_bytes").asLong(), n.path("truncated").asBoolean());
    }

    private static Verdict verdict(JsonNode n) {
        return wire(n, Verdict.values(), Verdict::wire);
    }

    private static <E> E wire(JsonNode n, E[] values, Function<E, String> wire) {
        if (n == null || n.isNull()) {
            return null;
        }
        for (E e : values) {
            if (wire.apply(e).equals(n.asText())) {
                return e;
            }
        }
        throw shape("an unknown value " + n);
    }

    private static String text(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Long longOrNull(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asLong();
    }

    private static Integer intOrNull(JsonNode n, String name) {
        JsonNode v = n.get(name);
        return v == null || v.isNull() ? null : v.asInt();
    }

    private static <T> T object(JsonNode n, Function<JsonNode, T> read) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            throw shape("a " + n.getNodeType() + " where an object belongs");
        }
        return read.apply(n);
    }

    private static <T> List<T> list(JsonNode n, Function<JsonNode, T> read) {
        List<T> all = new ArrayList<>();
        if (n != null) {
            n.forEach(e -> all.add(read.apply(e)));
        }
        return all;
    }

    private static IllegalStateException shape(String what) {
        return new IllegalStateException("llm-osd answered in an unexpected shape: " + what);
    }
}
