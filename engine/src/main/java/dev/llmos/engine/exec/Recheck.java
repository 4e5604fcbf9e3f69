package dev.llmos.engine.exec;

import dev.llmos.engine.host.PathChange;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * compares a step's decision right before it runs with the decision a person was shown (earlier
 * steps, or anyone else, may have changed the host since): a stricter verdict, another scope or a
 * path that now resolves elsewhere refuses the step. inodes may change (a plan rewrites its own
 * files); where each path leads may not.
 */
final class Recheck {

    private Recheck() {
    }

    /** why the step may not run now, or an empty list when the decision still holds. */
    static List<String> refusals(DecidedPlan shown, DecidedPlan now, String actionId, boolean approved) {
        Decision then = shown.decision(actionId);
        Decision current = now.decision(actionId);
        List<String> why = new ArrayList<>();
        for (PathFacts before : shown.paths(actionId)) {
            PathFacts after = now.paths(actionId).stream().filter(p -> p.path().equals(before.path())).findFirst().orElse(null);
            if (after != null && !after.realPath().equals(before.realPath())) {
                String via = PathChange.onTheWay(before.realPath(), before.parentId() != null);
                if (via == null) {
                    via = PathChange.describe(java.nio.file.Path.of(before.realPath()),
                            before.exists() ? before.directory() ? "a directory" : "a regular file" : "missing");
                }
                why.add(before.path() + " resolved to " + before.realPath() + " at decision time, now to " + after.realPath()
                        + (via == null ? "" : " (" + via + ")"));
            }
        }
        if (current == null) {
            why.add("the policy no longer decides " + actionId);
            return why;
        }
        if (current.verdict() == Verdict.DENY) {
            why.add("now denied by " + current.rule() + ": " + current.reason());
        } else if (current.verdict() == Verdict.CONFIRM && !(then.verdict() == Verdict.CONFIRM && approved)) {
            why.add("now needs approval (" + current.rule() + ": " + current.reason() + "); it was allowed without asking");
        }
        if (!Objects.equals(then.scope(), current.scope())) {
            why.add("its scope changed since the decision: was \"" + then.scope().describe() + "\", now \""
                    + current.scope().describe() + "\"");
        }
        return why;
    }
}
