package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** a policy whose own tests/ suites fail is refused where policy changes: policy check and policy.reload. */
class PolicySuitesGateTest {

    @TempDir
    Path tmp;

    @Test
    void policyCheckRefusesAPolicyWhoseSuiteFailsNamingTheCase() {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(policy.resolve("tests"), "wrong.yaml", PolicyTestCommandTest.FAILING);
        Cli.Result r = Cli.in(tmp).run("policy", "check", policy.toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("tests/wrong.yaml:rm -rf is only confirmed: a2 (exec rm -rf /tmp/x) expected CONFIRM, got DENY by t.rm-rf"), r.err());
        assertTrue(r.err().endsWith("1 failure in its own tests/ suites; the policy is refused (--skip-tests in an emergency, audited)\n"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void policyCheckRunsPassingSuitesAndSaysSo() {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(policy.resolve("tests"), "basic.yaml", PolicyTestCommandTest.PASSING);
        Cli.Result r = Cli.in(tmp).run("policy", "check", policy.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().endsWith(", its tests/ suites pass\n"), r.out());
    }

    @Test
    void skipTestsAcceptsTheFailingPolicyAndWritesTheSkipToTheAuditLog() throws Exception {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(policy.resolve("tests"), "wrong.yaml", PolicyTestCommandTest.FAILING);
        Cli cli = Cli.in(tmp);
        Cli.Result r = cli.run("policy", "check", policy.toString(), "--skip-tests");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("tests skipped (recorded in " + cli.audit() + ")"), r.out());
        JsonNode last = lastAuditLine(cli.audit());
        assertEquals(List.of("policy.check", "true", policy.toString()),
                List.of(last.path("type").asText(), last.path("tests_skipped").asText(), last.path("policy_dir").asText()), last.toString());
    }

    @Test
    void aSkipThatCannotBeRecordedIsRefused() throws Exception {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(policy.resolve("tests"), "wrong.yaml", PolicyTestCommandTest.FAILING);
        Files.writeString(tmp.resolve("not-a-dir"), "");
        Path audit = tmp.resolve("not-a-dir/audit.jsonl");
        Cli.Result r = Cli.in(tmp).env("LLMOS_AUDIT_LOG", audit.toString()).run("policy", "check", policy.toString(), "--skip-tests");
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("llmsh: cannot record --skip-tests in " + audit + ": "), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aRealDaemonKeepsItsPolicyWhenTheNewOnesSuitesFailAndSwapsWithSkipTests() throws Exception {
        Path policy = TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(policy.resolve("tests"), "basic.yaml", PolicyTestCommandTest.PASSING);
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(dir.resolve("config.json"), "{}");
        List<String> command = DaemonProcess.java("dev.llmos.cli.Llmosd");
        List<String> args = DaemonProcess.args(dir, tmp.resolve("cache"));
        args.set(args.indexOf(Cli.SHIPPED_POLICY.toString()), policy.toString());
        command.addAll(args);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("llm-osd.log").toFile())).start();
        try (DaemonProcess daemon = DaemonProcess.adopt(dir, dir.resolve("run/llm-osd.sock"), p);
             DaemonClient c = DaemonClient.connect(daemon.socket)) {
            String before = c.call("policy.reload", null).get("policy_digest").asText();
            // the new policy lets rm -rf through to a person; its own suite still says deny
            TinyPolicy.write(policy, "tiny.drl", TinyPolicy.TEXT.replace("policy.deny($a, \"deletes recursively\", \"delete the files one by one\")",
                    "policy.confirm($a, \"deletes recursively\")"));
            TinyPolicy.write(policy.resolve("tests"), "deny.yaml", """
                    cases:
                      - name: rm -rf is denied
                        plan: {actions: [{id: a1, type: exec, argv: [rm, -rf, /tmp/x]}]}
                        expect: {a1: deny}
                    """);
            RpcException e = assertThrows(RpcException.class, () -> c.call("policy.reload", null));
            assertEquals(RpcError.POLICY_INVALID, e.error().code());
            assertEquals("[\"tests/deny.yaml:rm -rf is denied: a1 (exec rm -rf /tmp/x) expected DENY, got CONFIRM by t.rm (differs: decision)\"]",
                    e.error().data().toString());
            Path audit = dir.resolve("state/audit.jsonl");
            assertEquals("rejected", lastAuditLine(audit).path("status").asText());
            JsonNode submitted = c.call("plan.submit", Json.mapper().createObjectNode()
                    .set("plan", Json.mapper().readTree(Plans.plan(Plans.exec("a1", "rm", "-rf", "/tmp/x")))));
            assertEquals(List.of(before, "denied"),
                    List.of(submitted.path("policy_digest").asText(), submitted.path("status").asText()), submitted.toString());

            JsonNode skipped = c.call("policy.reload", Json.mapper().readTree("{\"skip_tests\": true}"));
            assertNotEquals(before, skipped.get("policy_digest").asText());
            JsonNode last = lastAuditLine(audit);
            assertEquals(List.of("policy.reload", "ok", "true"),
                    List.of(last.path("type").asText(), last.path("status").asText(), last.path("tests_skipped").asText()), last.toString());
        }
        p.waitFor(30, TimeUnit.SECONDS);
    }

    private static JsonNode lastAuditLine(Path audit) throws Exception {
        List<String> lines = Files.readAllLines(audit);
        return Json.mapper().readTree(lines.get(lines.size() - 1));
    }
}
