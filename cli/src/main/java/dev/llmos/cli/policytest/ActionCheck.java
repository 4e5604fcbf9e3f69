package dev.llmos.cli.policytest;

import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;

import java.util.ArrayList;
import java.util.List;

/**
 * one expected action of a case against its real decision.
 *
 * @param label the action in one line ({@code exec rm -rf /})
 * @param differs what did not match: decision, rule, preconditions, recovery (empty when it passed)
 */
public record ActionCheck(String actionId, String label, Expectation expected, Decision actual, List<String> differs) {

    public ActionCheck {
        differs = List.copyOf(differs);
    }

    static ActionCheck of(String actionId, String label, Expectation expected, Decision actual) {
        List<String> differs = new ArrayList<>();
        if (expected.decision() != actual.verdict()) {
            differs.add("decision");
        }
        if (expected.rule() != null && !expected.rule().equals(actual.rule())) {
            differs.add("rule");
        }
        if (expected.preconditions() != null && !matches(expected.preconditions(), preconditionNames(actual))) {
            differs.add("preconditions");
        }
        if (expected.recovery() != null && !matches(expected.recovery(), recoveryNames(actual))) {
            differs.add("recovery");
        }
        return new ActionCheck(actionId, label, expected, actual, differs);
    }

    public boolean passed() {
        return differs.isEmpty();
    }

    /** each precondition as {kind, description}. */
    public static List<List<String>> preconditionNames(Decision d) {
        return d.preconditions().stream().map(p -> List.of(p.kind(), p.describe())).toList();
    }

    /** each recovery step as {kind, description}, with "(automatic)" where it runs by itself. */
    public static List<List<String>> recoveryNames(Decision d) {
        return d.recovery().stream().map(r -> List.of(kind(r), r.describe())).toList();
    }

    public static String kind(RecoveryStep step) {
        return switch (step) {
            case RecoveryStep.Undo u -> "undo";
            case RecoveryStep.RunAction r -> "run_action";
        };
    }

    public static List<String> descriptions(List<Precondition> preconditions) {
        return preconditions.stream().map(Precondition::describe).toList();
    }

    /** whole-list comparison: same length, and each expected entry names its actual one by kind or description. */
    private static boolean matches(List<String> expected, List<List<String>> actual) {
        if (expected.size() != actual.size()) {
            return false;
        }
        for (int i = 0; i < expected.size(); i++) {
            if (!actual.get(i).contains(expected.get(i))) {
                return false;
            }
        }
        return true;
    }
}
