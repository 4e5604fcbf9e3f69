package dev.llmos.actions.exec;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;
import java.util.Map;

/**
 * what policy rules see of an {@code exec} action. rules are written against these names: keep them.
 *
 * @param danger the planner's claim, as on the wire (none, low, medium, high)
 * @param program basename of argv[0], for {@code program == "rm"}
 * @param programPath real path of the program found on the scrubbed PATH (or of argv[0] when it
 *                    names a path), null when there is no such program
 * @param args argv without argv[0]
 * @param cwd real path of the working directory: the plan's, or "/" when it gives none (where the command runs)
 * @param timeoutSec the timeout that will apply
 * @param env the plan's extra environment (dangerous names already removed)
 * @param pathArgs real paths of the arguments that name paths (those containing '/')
 */
public record Exec(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        List<String> argv,
        String program,
        String programPath,
        List<String> args,
        String cwd,
        int timeoutSec,
        boolean asRoot,
        Map<String, String> env,
        List<String> pathArgs) implements ActionFact {
}
