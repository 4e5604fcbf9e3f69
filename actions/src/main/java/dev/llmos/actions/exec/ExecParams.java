package dev.llmos.actions.exec;

import java.util.List;
import java.util.Map;

/**
 * an {@code exec} action's own fields, as in the plan.
 *
 * @param argv the program and its arguments; never run through a shell
 * @param cwd absolute working directory; "/" when the plan gives none, for the decision and the run
 *            alike (never the daemon's or the client's own)
 * @param timeoutSec seconds before the process group is killed, or null for the default
 * @param asRoot run with the executor's root privileges instead of the requester's
 * @param env extra environment variables, on top of the scrubbed base
 */
public record ExecParams(List<String> argv, String cwd, Integer timeoutSec, Boolean asRoot, Map<String, String> env) {

    public ExecParams {
        argv = argv == null ? List.of() : List.copyOf(argv);
        cwd = cwd == null ? "/" : cwd;
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    public boolean root() {
        return Boolean.TRUE.equals(asRoot);
    }
}
