package dev.llmos.engine.plan;

import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.engine.testkit.NoteHandler;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlanParserTest {

    private final PlanParser parser = new PlanParser(ActionRegistry.of(List.of(new NoteHandler())));

    private List<PlanError> errorsOf(String json) {
        return assertThrows(PlanValidationException.class, () -> parser.parse(json)).errors();
    }

    @Test
    void parsesAValidPlanIntoTypedParams() {
        Plan plan = parser.parse("""
                {"version": 1, "mode": "actionplan", "goal": "leave a note",
                 "actions": [{"id": "a1", "type": "note", "reason": "say hi", "path": "/tmp/n", "text": "hi", "danger": "low"}]}
                """);
        assertEquals(new ActionHeader("a1", 0, "note", "say hi", Danger.LOW), plan.actions().get(0).header());
        assertEquals(new NoteHandler.NoteParams("/tmp/n", "hi", null), plan.actions().get(0).params());
    }

    @Test
    void reportsEveryErrorAtOnceWithPointers() {
        List<PlanError> errors = errorsOf("""
                {"version": 1, "mode": "actionplan", "goal": "g", "extra": true,
                 "actions": [
                   {"id": "a1", "type": "note", "reason": "r", "path": ["/tmp/x"], "text": "t"},
                   {"id": "a2", "type": "shell", "reason": "r", "cmd": "rm -rf /"},
                   {"id": "a3", "type": "note", "reason": "r", "path": "/tmp/y", "text": "t", "colour": "red"},
                   {"id": "a4", "type": "note", "path": "relative", "text": "t"}
                 ]}
                """);
        assertEquals(List.of(
                new PlanError("/actions/0/path", "expected string, got array"),
                new PlanError("/actions/1/type", "unknown action type shell (known: note)"),
                new PlanError("/actions/2/colour", "unknown key"),
                new PlanError("/actions/3/path", "string [relative] does not match pattern ^/"),
                new PlanError("/actions/3/reason", "required key is missing"),
                new PlanError("/extra", "unknown key")), errors);
    }

    @Test
    void rejectsADuplicateKeyNamingWhereItIs() {
        assertEquals(List.of(new PlanError("/actions/0/text", "duplicate key 'text' at line 2, column 84")), errorsOf("""
                {"version": 1, "mode": "actionplan", "goal": "g", "actions": [
                  {"id": "a1", "type": "note", "reason": "r", "path": "/tmp/x", "text": "t", "text": "u"}]}
                """));
    }

    @Test
    void rejectsInvalidUtf8NamingWhereItIs() {
        String prefix = "{\"version\": 1, \"mode\": \"actionplan\", \"goal\": \"g\", \"actions\": ["
                + "{\"id\": \"a1\", \"type\": \"note\", \"reason\": \"r\", \"path\": \"/tmp/x\", \"text\": \"";
        byte[] head = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = "x\"}]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] whole = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, whole, 0, head.length);
        whole[head.length] = (byte) 0xff;
        System.arraycopy(tail, 0, whole, head.length + 1, tail.length);
        List<PlanError> errors = assertThrows(PlanValidationException.class, () -> parser.parse(whole)).errors();
        assertEquals(List.of(new PlanError("/actions/0/text", "invalid utf-8 at byte " + head.length)), errors);
    }

    @Test
    void rejectsDuplicateActionIds() {
        assertEquals(List.of(new PlanError("/actions/1/id", "duplicate id \"a1\" (first used at /actions/0)")), errorsOf("""
                {"version": 1, "mode": "actionplan", "goal": "g", "actions": [
                  {"id": "a1", "type": "note", "reason": "r", "path": "/tmp/x", "text": "t"},
                  {"id": "a1", "type": "note", "reason": "r", "path": "/tmp/y", "text": "t"}]}
                """));
    }

    @Test
    void namesLineAndColumnOfMalformedJson() {
        List<PlanError> errors = errorsOf("{\"version\": 1,\n \"mode\": actionplan}");
        assertEquals(1, errors.size());
        assertEquals("/mode", errors.get(0).pointer());
        assertEquals(true, errors.get(0).message().startsWith("malformed json at line 2, column"), errors.get(0).message());
    }

    @Test
    void refusesAnOversizedPlanBeforeParsingIt() {
        String big = "{\"goal\": \"" + "x".repeat(PlanParser.MAX_PLAN_BYTES) + "\"}";
        assertEquals(List.of(new PlanError("", "plan is " + (PlanParser.MAX_PLAN_BYTES + 12)
                + " bytes, more than the limit of " + PlanParser.MAX_PLAN_BYTES)), errorsOf(big));
    }

    @Test
    void requiresActionsInAnActionplan() {
        assertEquals(List.of(new PlanError("/actions", "required key is missing")),
                errorsOf("{\"version\": 1, \"mode\": \"actionplan\", \"goal\": \"g\"}"));
    }

    @Test
    void acceptsAPlanonlyPlanWithProseSteps() {
        Plan plan = parser.parse("{\"version\": 1, \"mode\": \"planonly\", \"goal\": \"g\", \"steps\": [\"look\", \"think\"]}");
        assertEquals(List.of("look", "think"), plan.steps());
        assertEquals(PlanMode.PLANONLY, plan.mode());
    }

    @Test
    void digestIgnoresKeyOrderAndWhitespace() {
        Plan a = parser.parse("{\"version\":1,\"mode\":\"planonly\",\"goal\":\"g\"}");
        Plan b = parser.parse("{ \"goal\" : \"g\",\n \"mode\": \"planonly\", \"version\": 1 }");
        Plan c = parser.parse("{\"version\":1,\"mode\":\"planonly\",\"goal\":\"h\"}");
        assertEquals(a.digest(), b.digest());
        assertEquals(false, a.digest().equals(c.digest()));
    }
}
