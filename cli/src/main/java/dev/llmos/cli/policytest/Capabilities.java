package dev.llmos.cli.policytest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.rules.DroolsPolicy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * what every registered action type needs besides its handler: a rule that decides it (or denies
 * it outright), a case in the policy's suites and a section in the docs. a forgotten step is a
 * type nothing decides, nobody proved or nobody can read about; the build fails on each.
 */
public final class Capabilities {

    private Capabilities() {
    }

    /**
     * @param docs the hand-written docs (generated blocks removed): a type is documented when it is
     *             named there in backticks
     * @return one line per missing piece, naming the type and what is missing; empty when complete
     */
    public static List<String> missing(ActionRegistry registry, DroolsPolicy policy, List<Suite> suites, String docs) {
        Map<Class<?>, List<String>> rules = policy.rulesByFact();
        Set<String> planned = new HashSet<>();
        for (Suite suite : suites) {
            for (TestCase tc : suite.cases()) {
                for (JsonNode action : tc.node().path("plan").path("actions")) {
                    planned.add(action.path("type").asText());
                }
            }
        }
        List<String> out = new ArrayList<>();
        for (ActionSpec<?> spec : registry.specs()) {
            String type = spec.type();
            if (!rules.containsKey(spec.factType())) {
                out.add(type + ": no rule matches " + spec.factType().getSimpleName()
                        + ", so nothing decides it; add a rule to the policy (or one that denies it outright)");
            }
            if (!planned.contains(type)) {
                out.add(type + ": no case in the policy's tests/ suites plans it; add one");
            }
            if (!docs.contains("`" + type + "`")) {
                out.add(type + ": no documentation names it; add a section to docs/actions.md");
            }
        }
        return out;
    }
}
