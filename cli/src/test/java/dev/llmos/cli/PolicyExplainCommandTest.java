package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code llmsh policy explain}: every match, the overridden ones too, and why the decision won. */
class PolicyExplainCommandTest {

    @TempDir
    Path tmp;

    private Cli.Result explain(Path policy, String plan, String... more) {
        List<String> args = new ArrayList<>(List.of("policy", "explain", "--policy", policy.toString(), Plans.file(tmp, plan)));
        args.addAll(List.of(more));
        return Cli.in(tmp).run(args.toArray(String[]::new));
    }

    /** the first line names the policy digest and the person running the test; the rest is compared whole. */
    private static String body(String out) {
        return out.substring(out.indexOf('\n') + 1);
    }

    @Test
    void showsTheOverriddenMatchBesideTheRuleThatDecided() {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        Cli.Result r = explain(policy, plan(exec("a1", "rm", "-rf", "/tmp/x")));
        assertEquals(List.of(0, """

                a1  exec rm -rf /tmp/x
                  decision: DENY by t.rm-rf (tiny.drl:11)
                  reason: deletes recursively
                  alternative: delete the files one by one
                  why: the strictest verdict wins (deny > confirm > allow): t.rm-rf denies; 1 weaker match is overridden
                  matches, in firing order:
                    CONFIRM  t.rm (tiny.drl:8): overridden, deny is stricter than confirm
                             reason: rm deletes
                             justification: rm deletes files
                    DENY     t.rm-rf (tiny.drl:11): decides
                             reason: deletes recursively
                             justification: recursive deletes lose a lot at once
                             alternative: delete the files one by one
                  preconditions: none
                  recovery: none
                """, ""), List.of(r.code(), body(r.out()), r.err()));
    }

    @Test
    void anAllowedActionIsExplainedWithTheScopeItRunsIn() {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        Cli.Result r = explain(policy, plan(exec("a1", "ls", "/srv")));
        assertEquals(List.of("  decision: ALLOW by t.ls (tiny.drl:5)", "  reason: ls reads", "  scope: read-only; no network; as the requester"),
                body(r.out()).lines().skip(2).limit(3).toList());
    }

    @Test
    void anActionNoRuleMatchedIsExplainedAsTheDefaultDeny() {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        Cli.Result r = explain(policy, plan(exec("a1", "uptime")));
        assertEquals("""

                a1  exec uptime
                  decision: DENY by builtin.default-deny (builtin)
                  reason: no rule allowed this action
                  why: no rule recorded a verdict for this action, so it is denied by default: an action runs only when a rule allows it
                  matches: none
                  preconditions: none
                  recovery: none
                """, body(r.out()));
    }

    @Test
    void jsonGivesEachMatchItsRoleUnderTheShippedPolicy() throws IOException {
        Cli.Result r = explain(Cli.SHIPPED_POLICY, plan(exec("a1", "rm", "-rf", "/")), "--json");
        JsonNode action = Json.mapper().readTree(r.out()).at("/actions/0");
        List<String> roles = new ArrayList<>();
        action.path("matches").forEach(m -> roles.add(m.path("verdict").asText() + " " + m.path("rule").asText()
                + " " + m.path("role").asText()));
        assertEquals(List.of("deny", "exec.rm-system", List.of("deny exec.rm-system decides", "confirm exec.write-elsewhere overridden")),
                List.of(action.path("decision").asText(), action.path("rule").asText(), roles));
    }

    @Test
    void aProtectedPathIsExplainedAsTheBuiltinNoRuleCanOutvote() {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        Cli.Result r = explain(policy, plan(Plans.write("a1", Path.of("/etc/llm-os/config.json"), "{}")));
        assertEquals("""

                a1  write_file /etc/llm-os/config.json
                  decision: DENY by builtin.protected-path (builtin)
                  reason: modifies protected path /etc/llm-os
                  why: builtin.protected-path denies: it is checked in code, before and beside the rules, and no rule can outvote a deny
                  matches, in firing order:
                    DENY     builtin.protected-path (builtin): decides
                             reason: modifies protected path /etc/llm-os
                             justification: plans may never modify the policy, the daemon's configuration, its state or the audit log
                  preconditions: none
                  recovery: none
                """, body(r.out()));
    }
}
