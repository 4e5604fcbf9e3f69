package dev.llmos.actions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidator;
import dev.llmos.engine.schema.SchemaValidator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * the quick schema check (decision 0030) may only ever say "valid" where the full validator finds
 * nothing: checked on the shipped example and bench plans, each mutated every way a planner could
 * get it wrong (every value replaced by wrong ones, every key removed, an unknown key added to
 * every object), and the plan validator's errors still those of the whole schema.
 */
class QuickCheckAgreementTest {

    private static final PlanParser PARSER = new PlanParser(ActionRegistry.discover());
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static SchemaValidator whole;
    private static PlanValidator byKind;
    private static List<JsonNode> plans;

    @BeforeAll
    static void load() throws IOException {
        whole = new SchemaValidator(PARSER.schema());
        byKind = new PlanValidator(PARSER.schema());
        plans = new ArrayList<>();
        for (Path dir : List.of(Path.of("../examples"), Path.of("../bench/src/main/resources/plans"))) {
            try (var files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                    JsonNode plan = Json.mapper().readTree(Files.readString(f));
                    if (plan.path("actions").size() <= 20) {
                        plans.add(plan);
                    }
                }
            }
        }
        assertTrue(plans.size() >= 5, "found the example and bench plans: " + plans.size());
    }

    /** values a planner gets wrong: wrong types, empty, negative, fractions, huge, odd text. */
    private static List<JsonNode> wrongValues() {
        return List.of(F.textNode(""), F.textNode("x"), F.textNode("/"), F.textNode("LD_PRELOAD"),
                F.textNode("é€😀"), F.textNode("x".repeat(5000)), F.numberNode(-1), F.numberNode(0), F.numberNode(1),
                F.numberNode(3.0), F.numberNode(3.5), F.numberNode(4_000_000_000L), F.booleanNode(true), F.nullNode(),
                F.arrayNode(), F.arrayNode().add("x"), F.arrayNode().add(1), F.objectNode(), F.objectNode().put("a", 1),
                F.numberNode(0644));
    }

    @Test
    void sureOfEveryShippedPlan() {
        assertTrue(whole.quick(), "the quick check covers every keyword of the plan schema");
        for (JsonNode plan : plans) {
            assertEquals(List.of(), whole.validateFully(plan, ""));
            assertTrue(whole.quicklyValid(plan), "quickly valid: " + plan.path("goal"));
        }
    }

    @Test
    void neverCallsAMutatedPlanValidThatTheFullValidatorRefuses() {
        int checked = 0;
        int quick = 0;
        for (JsonNode plan : plans) {
            List<JsonNode> mutants = new ArrayList<>();
            mutate(plan, mutants::add);
            for (JsonNode m : mutants) {
                List<PlanError> full = whole.validateFully(m, "");
                boolean surely = whole.quicklyValid(m);
                if (surely && !full.isEmpty()) {
                    fail("the quick check passed a plan the schema refuses with " + full + ": " + m);
                }
                assertEquals(full, byKind.validate(m), "the plan validator gives the whole schema's errors: " + m);
                checked++;
                quick += surely ? 1 : 0;
            }
        }
        assertTrue(checked > 5000, "mutants checked: " + checked);
        // some mutants stay valid (a reason replaced by "x"): the quick check must say so for them too
        assertTrue(quick > 500, "mutants passed quickly: " + quick);
    }

    /** every mutant of {@code root}: each value replaced, each key removed, a key added to each object. */
    private static void mutate(JsonNode root, Consumer<JsonNode> out) {
        List<List<Object>> paths = new ArrayList<>();
        collect(root, new ArrayList<>(), paths);
        for (List<Object> path : paths) {
            for (JsonNode wrong : wrongValues()) {
                out.accept(replace(root, path, wrong));
            }
            if (!path.isEmpty() && path.get(path.size() - 1) instanceof String) {
                out.accept(replace(root, path, null));
            }
            JsonNode at = at(root, path);
            if (at.isObject()) {
                ObjectNode more = ((ObjectNode) at).deepCopy().put("colour", "blue");
                out.accept(replace(root, path, more));
            }
        }
    }

    private static void collect(JsonNode node, List<Object> path, List<List<Object>> out) {
        out.add(List.copyOf(path));
        if (node.isObject()) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String k = it.next();
                path.add(k);
                collect(node.get(k), path, out);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                collect(node.get(i), path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    private static JsonNode at(JsonNode root, List<Object> path) {
        JsonNode n = root;
        for (Object p : path) {
            n = p instanceof String k ? n.get(k) : n.get((Integer) p);
        }
        return n;
    }

    /** a copy of {@code root} with the value at {@code path} replaced, or removed when {@code value} is null. */
    private static JsonNode replace(JsonNode root, List<Object> path, JsonNode value) {
        if (path.isEmpty()) {
            return value == null ? F.nullNode() : value;
        }
        JsonNode copy = root.deepCopy();
        JsonNode parent = at(copy, path.subList(0, path.size() - 1));
        Object last = path.get(path.size() - 1);
        if (last instanceof String k) {
            if (value == null) {
                ((ObjectNode) parent).remove(k);
            } else {
                ((ObjectNode) parent).set(k, value);
            }
        } else {
            ((ArrayNode) parent).set((Integer) last, value);
        }
        return copy;
    }
}
