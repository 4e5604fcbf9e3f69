package dev.llmos.llm;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.registry.ActionRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static dev.llmos.llm.Fixtures.PARSER;
import static dev.llmos.llm.Fixtures.json;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** the strict schema, derived from the real registry (the actions module, test scope). */
class StrictSchemaTest {

    private static final StrictSchema STRICT = StrictSchema.of(Fixtures.REGISTRY);
    /** what openai strict mode and the local grammar compilers all accept. */
    private static final Set<String> ALLOWED = Set.of("type", "properties", "required", "additionalProperties", "items",
            "enum", "anyOf", "description");

    @ParameterizedTest
    @EnumSource(Mode.class)
    void everyObjectIsClosedAndRequiresAllItsProperties(Mode mode) {
        List<String> problems = new ArrayList<>();
        walk(STRICT.schema(mode), "#", (node, where) -> {
            if (node.has("properties")) {
                Set<String> names = new TreeSet<>();
                node.get("properties").fieldNames().forEachRemaining(names::add);
                Set<String> required = new TreeSet<>();
                node.path("required").forEach(r -> required.add(r.asText()));
                if (!names.equals(required) || !node.path("additionalProperties").isBoolean()
                        || node.get("additionalProperties").asBoolean()) {
                    problems.add(where);
                }
            }
        });
        assertEquals(List.of(), problems);
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void usesNoKeywordOutsideTheStrictSubset(Mode mode) {
        Set<String> used = new TreeSet<>();
        walk(STRICT.schema(mode), "#", (node, where) -> node.fieldNames().forEachRemaining(used::add));
        used.removeIf(ALLOWED::contains);
        assertEquals(Set.of(), used);
    }

    @Test
    void nothingOfTheRealRegistryIsLeftOut() {
        assertEquals(List.of(), STRICT.dropped());
    }

    @Test
    void readFileIsOneClosedObjectWithItsOptionalFieldNullable() {
        JsonNode readFile = null;
        for (JsonNode kind : STRICT.schema(Mode.AUTO).at("/properties/actions/items/anyOf")) {
            if (kind.at("/properties/type/enum/0").asText().equals("read_file")) {
                readFile = kind;
            }
        }
        assertEquals(json("""
                {"type":"object","description":"read the start of a regular file (utf-8 text, or base64 when binary)",
                 "properties":{
                   "id":{"type":"string","description":"unique in the plan: a1, a2, ..."},
                   "type":{"type":"string","enum":["read_file"]},
                   "reason":{"type":"string","description":"why this step, in a few words"},
                   "danger":{"type":["string","null"],"description":"required for destructive steps",
                             "enum":["none","low","medium","high",null]},
                   "path":{"type":"string","description":"absolute path of a regular file"},
                   "max_bytes":{"type":["integer","null"],"description":"the most bytes to return (default 65536)"}},
                 "required":["id","type","reason","danger","path","max_bytes"],
                 "additionalProperties":false}"""), readFile);
    }

    @Test
    void planonlySchemaAllowsOnlyPlanonlyAndHasNoActions() {
        assertEquals(json("""
                {"type":"object","properties":{
                   "version":{"type":"integer","enum":[1]},
                   "mode":{"type":"string","enum":["planonly"]},
                   "goal":{"type":"string","description":"the task in one line; in a final answer, the answer itself"},
                   "steps":{"type":"array","description":"planonly: short prose steps or findings; actionplan: empty",
                            "items":{"type":"string"}}},
                 "required":["version","mode","goal","steps"],"additionalProperties":false}"""),
                STRICT.schema(Mode.PLANONLY));
    }

    @Test
    void execEnvTravelsAsEntriesAndReachesTheEngineAsAMap() {
        JsonNode answer = json("""
                {"version":1,"mode":"actionplan","goal":"build","steps":[],"actions":[
                  {"id":"a1","type":"exec","reason":"compile","danger":null,"argv":["make"],"cwd":"/src",
                   "timeout_sec":null,"as_root":null,"env":[{"name":"LANG","value":"C"},{"name":"CC","value":"gcc"}]}]}""");
        JsonNode expected = json("""
                {"version":1,"mode":"actionplan","goal":"build","actions":[
                  {"id":"a1","type":"exec","reason":"compile","argv":["make"],"cwd":"/src","env":{"LANG":"C","CC":"gcc"}}]}""");
        assertEquals(expected, STRICT.normalize(answer));
        assertEquals(expected, PARSER.parse(STRICT.normalize(answer)).json());
    }

    @Test
    void everyActionKindOfTheRealRegistryRoundTripsThroughTheEngine() {
        JsonNode answer = json("""
                {"version":1,"mode":"actionplan","goal":"all kinds","steps":[],"actions":[
                  {"id":"a1","type":"read_file","reason":"look","danger":null,"path":"/etc/hostname","max_bytes":null},
                  {"id":"a2","type":"write_file","reason":"set","danger":"low","path":"/tmp/x","content":"y","mode":null},
                  {"id":"a3","type":"append_file","reason":"add","danger":null,"path":"/tmp/x","content":"z"},
                  {"id":"a4","type":"exec","reason":"run","danger":null,"argv":["true"],"cwd":null,"timeout_sec":5,
                   "as_root":false,"env":[]}]}""");
        assertEquals(4, PARSER.parse(STRICT.normalize(answer)).actions().size());
    }

    @Test
    void aNewActionGetsItsOwnBranchWithoutAnyOtherChange() {
        StrictSchema strict = StrictSchema.of(SpecOnlyHandler.realPlus(SpecOnlyHandler.beep()));
        JsonNode beep = strict.schema(Mode.ACTIONPLAN).at("/properties/actions/items/anyOf/1");
        assertEquals(json("""
                {"type":"object","description":"sound the pc speaker","properties":{
                   "id":{"type":"string","description":"unique in the plan: a1, a2, ..."},
                   "type":{"type":"string","enum":["beep"]},
                   "reason":{"type":"string","description":"why this step, in a few words"},
                   "danger":{"type":["string","null"],"description":"required for destructive steps",
                             "enum":["none","low","medium","high",null]},
                   "times":{"type":"integer","description":"how many beeps"},
                   "tone":{"type":["string","null"],"enum":["low","high",null]}},
                 "required":["id","type","reason","danger","times","tone"],"additionalProperties":false}"""), beep);
    }

    /** the prompt renders the same specs afterwards: a null added to their enums would show there. */
    @Test
    void buildingTheStrictSchemaLeavesTheActionsOwnSchemasAlone() {
        ActionRegistry registry = SpecOnlyHandler.realPlus(SpecOnlyHandler.beep());
        String before = PromptKernel.catalogue(registry);
        StrictSchema.of(registry);
        assertEquals(before, PromptKernel.catalogue(registry));
    }

    @Test
    void aFieldWithNoStrictFormIsLeftOutAndNamed() {
        ActionRegistry registry = SpecOnlyHandler.realPlus(SpecOnlyHandler.odd());
        StrictSchema strict = StrictSchema.of(registry);
        assertEquals(List.of("odd.anything: type (none) has no strict form here"), strict.dropped());
        JsonNode odd = null;
        for (JsonNode kind : strict.schema(Mode.AUTO).at("/properties/actions/items/anyOf")) {
            if (kind.at("/properties/type/enum/0").asText().equals("odd")) {
                odd = kind.get("properties");
            }
        }
        List<String> names = new ArrayList<>();
        odd.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("id", "type", "reason", "danger", "label"), names);
    }

    private interface Visitor {
        void visit(JsonNode node, String where);
    }

    private static void walk(JsonNode node, String where, Visitor visitor) {
        if (!node.isObject()) {
            return;
        }
        visitor.visit(node, where);
        for (Iterator<String> it = node.path("properties").fieldNames(); it.hasNext(); ) {
            String name = it.next();
            walk(node.get("properties").get(name), where + "/properties/" + name, visitor);
        }
        walk(node.path("items"), where + "/items", visitor);
        for (int i = 0; i < node.path("anyOf").size(); i++) {
            walk(node.get("anyOf").get(i), where + "/anyOf/" + i, visitor);
        }
    }
}
