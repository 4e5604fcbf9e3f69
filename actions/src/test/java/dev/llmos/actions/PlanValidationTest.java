package dev.llmos.actions;

import dev.llmos.actions.exec.ExecParams;
import dev.llmos.actions.files.ReadFileParams;
import dev.llmos.actions.files.WriteFileParams;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.engine.schema.PlanValidator;
import dev.llmos.engine.schema.SchemaValidator;
import dev.llmos.engine.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlanValidationTest {

    private static final PlanParser PARSER = new PlanParser(ActionRegistry.discover());
    private static final String KNOWN = String.join(", ", ActionRegistry.discover().types());

    private static List<PlanError> errors(String actions) {
        String plan = "{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"actions\":[" + actions + "]}";
        return assertThrows(PlanValidationException.class, () -> PARSER.parse(plan)).errors();
    }

    @Test
    void reportsAStringArgvAnUnknownKeyAndAnUnknownTypeAllAtOnce() {
        assertEquals(List.of(
                        new PlanError("/actions/0/argv", "expected array, got string"),
                        new PlanError("/actions/1/owner", "unknown key"),
                        new PlanError("/actions/2/type",
                                "unknown action type reboot (known: " + KNOWN + ")")),
                errors("""
                        {"id":"a1","type":"exec","argv":"ls -l","reason":"r"},
                        {"id":"a2","type":"write_file","path":"/tmp/x","content":"c","owner":"root","reason":"r"},
                        {"id":"a3","type":"reboot","reason":"r"}"""));
    }

    @Test
    void refusesLoaderHooksInTheEnvironmentWithAPointerToTheVariable() {
        List<String> pointers = errors("""
                {"id":"a1","type":"exec","argv":["ls"],"reason":"r",
                 "env":{"LD_PRELOAD":"/x.so","OK":"1","BASH_ENV":"/x","BASH_FUNC_f":"() { :; }","PYTHONPATH":"/x"}}""")
                .stream().map(PlanError::pointer).toList();
        assertEquals(List.of("/actions/0/env/BASH_ENV", "/actions/0/env/BASH_FUNC_f", "/actions/0/env/LD_PRELOAD",
                "/actions/0/env/PYTHONPATH"), pointers);
    }

    @Test
    void wordsEveryEnvironmentNameProblemAtTheName() {
        assertEquals(List.of(
                        new PlanError("/actions/0/env/1X", "string [1X] does not match pattern ^[A-Za-z_][A-Za-z0-9_]*$"),
                        new PlanError("/actions/0/env/LD_PRELOAD", "\"LD_PRELOAD\" is not allowed here"),
                        new PlanError("/actions/0/env/OK", "expected string, got integer"),
                        new PlanError("/actions/0/timeout_sec", "0 is not greater or equal to 1"),
                        new PlanError("/actions/1/argv", "expected minimum item count: 1, found: 0")),
                errors("""
                        {"id":"a1","type":"exec","argv":["ls"],"reason":"r","timeout_sec":0,
                         "env":{"LD_PRELOAD":"/x.so","1X":"y","OK":1}},
                        {"id":"a2","type":"exec","argv":[],"reason":"r"}"""));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[{\"id\":\"a1\",\"type\":\"exec\",\"argv\":\"ls\",\"reason\":\"r\",\"env\":{\"LD_X\":1}}]",
            "[{\"id\":\"a1\",\"type\":\"write_file\",\"path\":\"x\",\"mode\":7,\"colour\":1}, {\"type\":3}, 5]",
            "[{\"id\":\"#\",\"type\":\"reboot\",\"reason\":\"\"}, {\"id\":\"a2\",\"type\":\"read_file\"}]",
            "\"not a list\""})
    void pickingEachActionsBranchByItsTypeGivesWhatTheWholeSchemaGives(String actions) throws Exception {
        ObjectNode schema = PARSER.schema();
        var plan = Json.mapper().readTree("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"actions\":" + actions + "}");
        List<PlanError> whole = new SchemaValidator(schema).validate(plan);
        assertEquals(whole, new PlanValidator(schema).validate(plan));
        assertEquals(true, !whole.isEmpty());
    }

    @Test
    void refusesAnEmptyProgramARelativeCwdAndATimeoutOutOfRange() {
        assertEquals(List.of(
                        new PlanError("/actions/0/argv/0", "expected minLength: 1, actual: 0"),
                        new PlanError("/actions/0/cwd", "string [tmp] does not match pattern ^/[^\\x00]*$"),
                        new PlanError("/actions/0/timeout_sec", "3601 is not less or equal to 3600")),
                errors("""
                        {"id":"a1","type":"exec","argv":[""],"cwd":"tmp","timeout_sec":3601,"reason":"r"}"""));
    }

    @Test
    void refusesRelativePathsAndBadModesForFiles() {
        assertEquals(List.of(
                        new PlanError("/actions/0/path", "string [etc/hosts] does not match pattern ^/[^\\x00]*$"),
                        new PlanError("/actions/1/mode", "string [u+rwx] does not match pattern ^0?[0-7]{3,4}$"),
                        new PlanError("/actions/2/path", "string [/etc/x\u0000] does not match pattern ^/[^\\x00]*$")),
                errors("""
                        {"id":"a1","type":"read_file","path":"etc/hosts","reason":"r"},
                        {"id":"a2","type":"write_file","path":"/etc/x","content":"","mode":"u+rwx","reason":"r"},
                        {"id":"a3","type":"append_file","path":"/etc/x\\u0000","content":"y","reason":"r"}"""));
    }

    @Test
    void parsesAValidPlanIntoTypedParams() {
        Plan plan = PARSER.parse("""
                {"version":1,"mode":"actionplan","goal":"g","actions":[
                  {"id":"a1","type":"exec","argv":["du","-sh","/var/log"],"cwd":"/","timeout_sec":30,"as_root":false,
                   "env":{"LC_ALL":"C"},"reason":"measure"},
                  {"id":"a2","type":"read_file","path":"/etc/hostname","max_bytes":100,"reason":"look"},
                  {"id":"a3","type":"write_file","path":"/etc/motd","content":"hi\\n","mode":"0644","reason":"greet",
                   "danger":"low"}]}""");
        assertEquals(List.of(
                        new ExecParams(List.of("du", "-sh", "/var/log"), "/", 30, false, Map.of("LC_ALL", "C")),
                        new ReadFileParams("/etc/hostname", 100),
                        new WriteFileParams("/etc/motd", "hi\n", "0644")),
                plan.actions().stream().map(PlannedAction::params).toList());
    }
}
