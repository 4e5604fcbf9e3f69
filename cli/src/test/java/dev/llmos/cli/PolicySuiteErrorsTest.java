package dev.llmos.cli;

import dev.llmos.engine.registry.ActionRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** a malformed suite stops the run before any case, naming the file, the case and the json pointer. */
class PolicySuiteErrorsTest {

    @TempDir
    Path tmp;

    private Path tests;

    @BeforeEach
    void tinyPolicy() {
        tests = TinyPolicy.in(tmp.resolve("policy")).resolve("tests");
    }

    private Cli.Result test() {
        return Cli.in(tmp).run("policy", "test", tests.toString());
    }

    @Test
    void schemaViolationsNameTheFileTheCaseAndThePointer() {
        TinyPolicy.write(tests, "bad.yaml", """
                cases:
                  - name: fine
                    plan: {actions: [{id: a1, type: exec, argv: [ls]}]}
                    expect: {a1: allow}
                  - name: a typo in the decision
                    plan: {actions: [{id: a1, type: exec, argv: [ls]}]}
                    expect: {a1: {decision: alow}}
                  - plan: {actions: [{id: a1, type: exec, argv: [ls]}]}
                    expect: {a1: allow}
                """);
        Cli.Result r = test();
        String file = "policy/tests/bad.yaml";
        assertEquals(List.of(2, "", List.of(
                file + ": case \"a typo in the decision\" at /cases/1/expect/a1/decision: alow is not a valid enum value",
                file + ": case \"#3\" at /cases/2/name: required key is missing",
                "llmsh: 2 problems in policy test suites; no case ran")),
                List.of(r.code(), r.out(), r.err().lines().toList()));
    }

    @Test
    void anInvalidPlanOrAnUnknownActionIdIsReportedInsideItsCase() {
        TinyPolicy.write(tests, "plans.yaml", """
                cases:
                  - name: unknown action type
                    plan: {actions: [{id: a1, type: reboot}]}
                    expect: {a1: deny}
                  - name: expects an action the plan lacks
                    plan: {actions: [{id: a1, type: exec, argv: [ls]}]}
                    expect: {a2: deny}
                """);
        Cli.Result r = test();
        String file = "policy/tests/plans.yaml";
        assertEquals(List.of(2, List.of(
                file + ": case \"unknown action type\" at /cases/0/plan/actions/0/type: unknown action type reboot"
                        + " (known: " + String.join(", ", ActionRegistry.discover().types()) + ")",
                file + ": case \"expects an action the plan lacks\" at /cases/1/expect/a2: the plan has no action a2 (actions: a1)",
                "llmsh: 2 problems in policy test suites; no case ran")),
                List.of(r.code(), r.err().lines().toList()));
    }

    @Test
    void yamlThatDoesNotParseIsReportedWithItsLine() {
        TinyPolicy.write(tests, "broken.yaml", """
                cases:
                  - name: ok
                    plan: {actions: [{id: a1, type: exec, argv: [ls]}
                    expect: {a1: allow}
                """);
        Cli.Result r = test();
        String first = r.err().lines().findFirst().orElseThrow();
        assertEquals(List.of(2, "policy/tests/broken.yaml:3:54: not valid yaml"),
                List.of(r.code(), first.substring(0, first.indexOf(": not valid yaml") + 16)));
    }

    @Test
    void aCaseNameUsedTwiceInAFileIsMalformed() {
        TinyPolicy.write(tests, "twice.yaml", """
                cases:
                  - {name: same, plan: {actions: [{id: a1, type: exec, argv: [ls]}]}, expect: {a1: allow}}
                  - {name: same, plan: {actions: [{id: a1, type: exec, argv: [ls]}]}, expect: {a1: allow}}
                """);
        Cli.Result r = test();
        assertEquals(List.of(2, "policy/tests/twice.yaml: case \"same\" at /cases/1/name: the name is also used by"
                + " /cases/0; names must be unique in a file"), List.of(r.code(), r.err().lines().findFirst().orElseThrow()));
    }
}
