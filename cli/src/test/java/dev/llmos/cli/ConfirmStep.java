package dev.llmos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * a harmless step the shipped policy wants confirmed: the planner rates it high danger (rule
 * plan.danger-exec), and it only creates a file in the test's temp dir.
 */
final class ConfirmStep {

    private ConfirmStep() {
    }

    static ObjectNode action(String id, Path tmp) {
        ObjectNode action = Plans.exec(id, "touch", marker(tmp).toString());
        action.put("danger", "high");
        return action;
    }

    static String describe(Path tmp) {
        return "exec touch " + marker(tmp);
    }

    static boolean ran(Path tmp) {
        return Files.exists(marker(tmp));
    }

    private static Path marker(Path tmp) {
        return tmp.resolve("confirmed-step-ran");
    }
}
