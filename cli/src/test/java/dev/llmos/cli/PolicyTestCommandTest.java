package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code llmsh policy test} against a tiny policy whose rules and lines the expectations can name. */
class PolicyTestCommandTest {

    @TempDir
    Path tmp;

    private Path policy;
    private Path tests;

    static final String PASSING = """
            cases:
              - name: ls runs
                plan: {actions: [{id: a1, type: exec, argv: [ls, /]}]}
                expect: {a1: {decision: allow, rule: t.ls}}
              - name: rm asks
                plan: {actions: [{id: a1, type: exec, argv: [rm, /tmp/x]}]}
                expect: {a1: confirm}
            """;

    static final String FAILING = """
            cases:
              - name: rm -rf is only confirmed
                plan:
                  actions:
                    - {id: a1, type: exec, argv: [ls]}
                    - {id: a2, type: exec, argv: [rm, -rf, /tmp/x]}
                expect:
                  a1: allow
                  a2: {decision: confirm, rule: t.rm}
            """;

    @BeforeEach
    void tinyPolicyWithTests() {
        policy = TinyPolicy.in(tmp.resolve("policy"));
        tests = policy.resolve("tests");
    }

    private Cli.Result test(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "policy";
        all[1] = "test";
        System.arraycopy(args, 0, all, 2, args.length);
        return Cli.in(tmp).run(all);
    }

    /** durations vary from run to run; everything else is compared whole. */
    static String timeless(String text) {
        return text.replaceAll("\\((\\d+\\.\\d+)(µs|ms|s)\\)", "(T)").replaceAll("time=\"[0-9.]+\"", "time=\"T\"");
    }

    @Test
    void everyCasePassingPrintsTheCountAndExitsZero() {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        Cli.Result r = test(tests.toString());
        assertEquals(List.of(0, "PASS: 2/2\n", ""), List.of(r.code(), r.out(), r.err()));
    }

    @Test
    void aFailingCaseShowsExpectedAndActualDecisionAndRuleAndExitsOne() {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        TinyPolicy.write(tests, "wrong.yaml", FAILING);
        Cli.Result r = test(tests.toString());
        String file = "policy/tests/wrong.yaml";
        assertEquals(List.of(1, """
                FAILURES
                --------------------------------------------------------------------------------
                %1$s:rm -rf is only confirmed: FAIL (T)

                  a2: exec rm -rf /tmp/x
                    decision:      expected confirm, got deny
                    rule:          expected t.rm, got t.rm-rf
                    reason:        deletes recursively

                SUMMARY
                --------------------------------------------------------------------------------
                %1$s:rm -rf is only confirmed: FAIL (T)
                --------------------------------------------------------------------------------
                PASS: 2/3
                FAIL: 1/3
                """.formatted(file), ""), List.of(r.code(), timeless(r.out()), r.err()));
    }

    @Test
    void verboseListsEveryCaseWithItsStatus() {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        Cli.Result r = test(tests.toString(), "-v");
        String file = "policy/tests/basic.yaml";
        assertEquals("""
                SUMMARY
                --------------------------------------------------------------------------------
                %1$s:ls runs: PASS (T)
                %1$s:rm asks: PASS (T)
                --------------------------------------------------------------------------------
                PASS: 2/2
                """.formatted(file), timeless(r.out()));
    }

    @Test
    void runSelectsCasesByFileAndName() {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        TinyPolicy.write(tests, "wrong.yaml", FAILING);
        Cli.Result r = test(tests.toString(), "--run", "basic.yaml:rm");
        assertEquals(List.of(0, "PASS: 1/1\n"), List.of(r.code(), r.out()));
    }

    @Test
    void coverageListsTheRulesThatFiredInNoCaseWithFileAndLine() {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        Cli.Result r = test(tests.toString(), "--coverage");
        assertEquals("""
                PASS: 2/2

                COVERAGE
                --------------------------------------------------------------------------------
                rules that fired in no case:
                  tiny.drl:11: t.rm-rf (rm -rf is denied)
                  tiny.drl:15: t.mkfs (mkfs is denied)
                  tiny.drl:18: t.boom (a broken rule)
                --------------------------------------------------------------------------------
                COVERAGE: 2/5 rules fired (40.0%)
                """, r.out());
    }

    @Test
    void jsonReportsEachCaseTheSummaryAndCoverage() throws IOException {
        TinyPolicy.write(tests, "wrong.yaml", FAILING);
        Cli.Result r = test(tests.toString(), "--format", "json", "--coverage");
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals(1, r.code());
        assertEquals(Json.mapper().readTree("""
                {"total": 1, "pass": 0, "fail": 1, "error": 0}"""), json.get("summary"));
        assertEquals(Json.mapper().readTree("""
                {"id": "a2", "action": "exec rm -rf /tmp/x", "passed": false, "differs": ["decision", "rule"],
                 "expected": {"decision": "confirm", "rule": "t.rm"},
                 "actual": {"decision": "deny", "rule": "t.rm-rf", "reason": "deletes recursively",
                            "preconditions": [], "recovery": []}}"""), json.at("/cases/0/actions/1"));
        assertEquals(List.of(5, 3, 60.0), List.of(json.at("/coverage/rules").asInt(), json.at("/coverage/fired").asInt(),
                json.at("/coverage/percent").asDouble()));
    }

    @Test
    void junitXmlHoldsOneTestcasePerCaseAndTheFailureInDetail() throws IOException {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        TinyPolicy.write(tests, "wrong.yaml", FAILING);
        Path xml = tmp.resolve("junit.xml");
        Cli.Result r = test(tests.toString(), "--junit", xml.toString());
        String basic = "policy/tests/basic.yaml";
        String wrong = "policy/tests/wrong.yaml";
        assertEquals(1, r.code());
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="llmsh policy test" tests="3" failures="1" errors="0" skipped="0" time="T">
                  <testsuite name="%1$s" tests="2" failures="0" errors="0" skipped="0" time="T">
                    <testcase classname="%1$s" name="ls runs" time="T"/>
                    <testcase classname="%1$s" name="rm asks" time="T"/>
                  </testsuite>
                  <testsuite name="%2$s" tests="1" failures="1" errors="0" skipped="0" time="T">
                    <testcase classname="%2$s" name="rm -rf is only confirmed" time="T">
                      <failure type="PolicyTestFailure" message="a2: expected confirm by t.rm, got deny by t.rm-rf">a2: exec rm -rf /tmp/x
                  differs: decision, rule
                  expected: confirm by t.rm
                  actual: deny by t.rm-rf: deletes recursively
                </failure>
                    </testcase>
                  </testsuite>
                </testsuites>
                """.formatted(basic, wrong), timeless(Files.readString(xml)));
    }

    @Test
    void aRuleThatThrowsMakesItsCaseAnErrorAndTheRunFail() {
        TinyPolicy.write(tests, "boom.yaml", """
                cases:
                  - name: boom
                    plan: {actions: [{id: a1, type: exec, argv: [boom]}]}
                    expect: {a1: allow}
                """);
        Cli.Result r = test(tests.toString());
        assertEquals(1, r.code());
        assertEquals(List.of("ERROR: 1/1"), r.out().lines().filter(l -> l.startsWith("ERROR:")).toList());
    }

    @Test
    void aPolicyDirectoryArgumentRunsItsTestsFolderAgainstIt() {
        TinyPolicy.write(tests, "basic.yaml", PASSING);
        Cli.Result r = test(policy.toString());
        assertEquals(List.of(0, "PASS: 2/2\n"), List.of(r.code(), r.out()));
    }
}
