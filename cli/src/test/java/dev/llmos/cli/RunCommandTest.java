package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.read;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code llmsh run} end to end: the real command line, the shipped policy, real files and processes. */
class RunCommandTest {

    @TempDir
    Path tmp;

    private Cli cli() {
        return Cli.shipped(tmp);
    }

    @Test
    void anAllowedPlanRunsAndWritesTheFile() throws IOException {
        Path out = tmp.resolve("hello.txt");
        Cli.Result r = cli().run("run", Plans.file(tmp, plan(write("a1", out, "hello\n"), exec("a2", "ls", tmp.toString()))));
        assertEquals(0, r.code(), r.err());
        assertEquals("hello\n", Files.readString(out));
        assertEquals("completed: all 2 actions ran", lastLine(r.out()));
    }

    @Test
    void aConfirmRefusedByThePersonRunsNothingFromThereOn() throws IOException {
        Path before = tmp.resolve("before.txt");
        Path after = tmp.resolve("after.txt");
        Cli.Result r = cli().person("n\n").run("run", Plans.file(tmp, plan(write("a1", before, "1"),
                ConfirmStep.action("a2", tmp), write("a3", after, "3"))));
        assertEquals(1, r.code(), r.err());
        assertTrue(Files.exists(before), "a1 comes before the refused step, so it ran");
        assertFalse(ConfirmStep.ran(tmp), "the refused step did not run");
        assertFalse(Files.exists(after), "nothing after the refused step ran");
        assertTrue(r.out().contains("approve a2 (" + ConfirmStep.describe(tmp) + ")? [y/N] not approved: a2;"), r.out());
        assertEquals("not approved: a2 was not approved, so it and everything after it did not run (1 ran before it)",
                lastLine(r.out()));
    }

    @Test
    void aConfirmApprovedByThePersonRuns() throws IOException {
        Cli.Result r = cli().person("y\n").run("run", Plans.file(tmp, plan(ConfirmStep.action("a1", tmp))));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(ConfirmStep.ran(tmp));
    }

    @Test
    void withoutATerminalNothingIsApprovedAndItSaysSo() {
        Cli.Result r = cli().pipe("y\n").run("run", Plans.file(tmp, plan(ConfirmStep.action("a1", tmp))));
        assertEquals(1, r.code());
        assertFalse(ConfirmStep.ran(tmp));
        assertTrue(r.out().contains("stdin is not a terminal: nothing approved; a1 needs confirmation (pass --yes to approve)"), r.out());
    }

    @Test
    void yesApprovesConfirmWithoutAsking() {
        Cli.Result r = cli().pipe("").run("run", "--yes", Plans.file(tmp, plan(ConfirmStep.action("a1", tmp))));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(ConfirmStep.ran(tmp));
    }

    @Test
    void aDenyStopsThePlanBeforeAnythingRuns() {
        Path first = tmp.resolve("first.txt");
        Cli.Result r = cli().run("run", Plans.file(tmp, plan(write("a1", first, "x"), read("a2", "/etc/shadow"))));
        assertEquals(1, r.code(), r.err());
        assertFalse(Files.exists(first));
        assertEquals("denied: policy denied a2, so nothing ran", lastLine(r.out()));
    }

    @Test
    void yesNeverOverridesADeny() {
        Cli.Result r = cli().run("run", "--yes", Plans.file(tmp, plan(ConfirmStep.action("a1", tmp), read("a2", "/etc/shadow"))));
        assertEquals(1, r.code());
        assertFalse(ConfirmStep.ran(tmp));
        assertEquals("denied: policy denied a2, so nothing ran", lastLine(r.out()));
    }

    @Test
    void anInvalidPlanReportsEveryErrorWithItsPointer() {
        String bad = """
                {"version": 1, "mode": "actionplan", "goal": "g", "actions": [
                  {"id": "a1", "type": "exec", "argv": "ls -l", "reason": "r"},
                  {"id": "a2", "type": "read_file", "path": "/etc/hostname", "reason": "r", "colour": "red"},
                  {"id": "a3", "type": "reboot", "reason": "r"},
                  {"id": "a4", "type": "write_file", "path": "/tmp/x", "content": "c"}
                ]}
                """;
        Cli.Result r = cli().run("run", Plans.file(tmp, bad));
        assertEquals(2, r.code());
        assertEquals("", r.out());
        // the known types are whatever the registry holds: every new capability adds one
        String known = String.join(", ", new java.util.TreeSet<>(dev.llmos.engine.registry.ActionRegistry.discover().types()));
        assertEquals("""
                /actions/0/argv: expected array, got string
                /actions/1/colour: unknown key
                /actions/2/type: unknown action type reboot (known: %s)
                /actions/3/reason: required key is missing
                llmsh: the plan is invalid (4 errors); nothing ran
                """.formatted(String.join(", ", ActionRegistry.discover().types())), r.err());
    }

    /** an invalid plan goes on the audit record with its errors, once. */
    @Test
    void anInvalidPlanIsAuditedWithItsErrors() throws IOException {
        Cli cli = cli();
        Cli.Result r = cli.run("run", Plans.file(tmp, "{\"version\": 1, \"mode\": \"actionplan\", \"goal\": \"g\", \"actions\": [{\"id\": \"a1\", \"type\": \"exec\", \"argv\": [\"true\"]}]}"));
        assertEquals(2, r.code(), r.err());
        List<JsonNode> records = new ArrayList<>();
        for (String line : Files.readAllLines(cli.audit())) {
            records.add(Json.mapper().readTree(line));
        }
        List<JsonNode> invalid = records.stream().filter(n -> n.path("type").asText().equals("plan.invalid")).toList();
        assertEquals(1, invalid.size(), records.toString());
        assertEquals("[\"/actions/0/reason: required key is missing\"]", invalid.get(0).path("errors").toString());
    }

    @Test
    void aPlanThatIsNotJsonIsBadInput() {
        Cli.Result r = cli().run("run", Plans.file(tmp, "{\"version\": 1,"));
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("/: malformed json at line 1, column "), r.err());
    }

    @Test
    void aMissingPlanFileIsBadInput() {
        Cli.Result r = cli().run("run", tmp.resolve("nope.json").toString());
        assertEquals(2, r.code());
        assertEquals("llmsh: cannot read plan " + tmp.resolve("nope.json") + ": no such file\n", r.err());
    }

    @Test
    void aPlanTooBigIsRefusedWithItsRealSize() throws IOException {
        Path big = tmp.resolve("big.json");
        Files.write(big, new byte[3 * 1024 * 1024]);
        Cli.Result r = cli().run("run", big.toString());
        assertEquals(2, r.code());
        assertEquals("llmsh: plan " + big + " is 3145728 bytes, more than the limit of 1048576; nothing ran\n", r.err());
    }

    @Test
    void aPlanCanComeFromStdin() throws IOException {
        Path out = tmp.resolve("from-stdin.txt");
        Cli.Result r = cli().pipe(plan(write("a1", out, "piped"))).run("run", "-");
        assertEquals(0, r.code(), r.err());
        assertEquals("piped", Files.readString(out));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Cli.Result r = cli().run("run", "--frobnicate", "plan.json");
        assertEquals(2, r.code());
        assertEquals("llmsh: Unknown option: '--frobnicate'\nusage: llmsh run --help\n", r.err());
    }

    @Test
    void jsonPrintsTheWholeOutcomeAndNothingElse() throws IOException {
        Path out = tmp.resolve("j.txt");
        Cli.Result r = cli().run("run", "--json", Plans.file(tmp, plan(write("a1", out, "j"), exec("a2", "ls", tmp.toString()))));
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        List<List<String>> actions = new ArrayList<>();
        for (JsonNode a : json.path("actions")) {
            actions.add(List.of(a.path("id").asText(), a.path("decision").path("verdict").asText(),
                    a.path("decision").path("rule").asText().isEmpty() ? "no rule" : "a rule",
                    a.path("result").path("status").asText()));
        }
        assertEquals(List.of(List.of("a1", "allow", "a rule", "ok"), List.of("a2", "allow", "a rule", "ok")), actions);
        assertEquals("completed", json.path("status").asText());
    }

    @Test
    void jsonAsksThePersonOnStderrAndKeepsStdoutForTheOutcome() throws IOException {
        Cli.Result r = cli().person("y\n").run("run", "--json", Plans.file(tmp, plan(ConfirmStep.action("a1", tmp))));
        assertEquals(0, r.code(), r.err());
        assertEquals("completed", Json.mapper().readTree(r.out()).path("status").asText());
        assertTrue(r.err().contains("approve a1 (" + ConfirmStep.describe(tmp) + ")? [y/N] "), r.err());
        assertTrue(ConfirmStep.ran(tmp));
    }

    @Test
    void aDryRunShowsAUnifiedDiffAndChangesNothing() throws IOException {
        Path conf = tmp.resolve("app.conf");
        Files.writeString(conf, "a = 1\nb = 2\n");
        Cli.Result r = cli().run("run", "--dry-run", Plans.file(tmp, plan(write("a1", conf, "a = 1\nb = 3\n"))));
        assertEquals(0, r.code(), r.err());
        assertEquals("a = 1\nb = 2\n", Files.readString(conf));
        assertTrue(r.out().contains("""
                      --- a%1$s
                      +++ b%1$s
                      @@ -1,2 +1,2 @@
                       a = 1
                      -b = 2
                      +b = 3
                """.formatted(conf)), r.out());
        assertEquals("dry run: decided 1 actions, executed nothing", lastLine(r.out()));
    }

    /** a person approves the command within its scope, so both the table and the preview name it. */
    @Test
    void aDryRunShowsTheScopeEachActionWouldRunIn() throws IOException {
        Cli.Result r = cli().run("run", "--dry-run", Plans.file(tmp, plan(Plans.exec("a1", "uptime").put("cwd", tmp.toRealPath().toString()))));
        assertEquals(List.of(0, true, true), List.of(r.code(),
                r.out().contains("\n    scope: read-only; no network; as the requester\n"),
                r.out().contains("a1  would run: uptime in " + tmp.toRealPath() + " (timeout 60 s); confined: read-only; no network; as the requester\n")),
                r.out());
    }

    @Test
    void aPlanonlyPlanPrintsItsStepsAndExecutesNothing() {
        String planonly = """
                {"version": 1, "mode": "planonly", "goal": "free space on /var",
                 "steps": ["measure /var/log", "rotate the largest logs"]}
                """;
        Cli.Result r = cli().run("run", Plans.file(tmp, planonly));
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                plan (planonly, nothing executes): free space on /var
                  1. measure /var/log
                  2. rotate the largest logs

                plan only: nothing to execute
                """, r.out());
    }

    static String lastLine(String text) {
        String[] lines = text.stripTrailing().split("\n");
        return lines[lines.length - 1];
    }
}
