package dev.llmos.rules;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.DiskFree;
import dev.llmos.engine.policy.PathExists;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.spi.ActionFact;

/**
 * the only thing a rule's {@code then} block can do: record. declared in every .drl as
 * <pre>global dev.llmos.rules.PolicyActions policy;</pre>
 * the firing rule's id and {@code @justification} are attached to each record automatically. a
 * call with a missing argument throws, and a throwing rule fails the whole evaluation: a policy
 * bug never turns into an allow.
 */
public final class PolicyActions {

    private final Recorder recorder;

    PolicyActions(Recorder recorder) {
        this.recorder = recorder;
    }

    @Help("ALLOW: the action may run without asking")
    public void allow(ActionFact action, String reason) {
        verdict(action, Verdict.ALLOW, reason, null);
    }

    @Help("CONFIRM: a person approves the action first")
    public void confirm(ActionFact action, String reason) {
        verdict(action, Verdict.CONFIRM, reason, null);
    }

    /** @param violated what the action would break, shown to the person and the planner */
    @Help("DENY, saying what the action would violate")
    public void deny(ActionFact action, String violated) {
        verdict(action, Verdict.DENY, violated, null);
    }

    /** @param alternative a safer way to the same goal */
    @Help("DENY, with a safer way to the same goal")
    public void deny(ActionFact action, String violated, String alternative) {
        verdict(action, Verdict.DENY, violated, required(alternative, "alternative"));
    }

    @Help("precondition path_exists: the path exists when the action starts")
    public void requirePath(ActionFact action, String path) {
        require(action, new PathExists(required(path, "path")));
    }

    @Help("precondition disk_free: at least minBytes free on the path's filesystem when the action starts")
    public void requireDiskFree(ActionFact action, String path, long minBytes) {
        if (minBytes < 0) {
            throw new IllegalArgumentException("requireDiskFree needs minBytes >= 0, got " + minBytes);
        }
        require(action, new DiskFree(required(path, "path"), minBytes));
    }

    /** @param automatic run the handler's undo when a later action fails, rather than offer it */
    @Help("recovery undo: the handler restores what the action changed; automatic runs it when a later action fails")
    public void undo(ActionFact action, boolean automatic) {
        recover(action, new RecoveryStep.Undo(automatic));
    }

    /** recovery by running {@code {"type": "exec", "argv": [...]}}. */
    @Help("recovery run_action: runs {\"type\": \"exec\", \"argv\": [...]}; automatic as for undo, else offered")
    public void recoverExec(ActionFact action, boolean automatic, String... argv) {
        if (argv == null || argv.length == 0) {
            throw new IllegalArgumentException("recoverExec needs a program to run");
        }
        ObjectNode run = Json.mapper().createObjectNode();
        run.put("type", "exec");
        ArrayNode list = run.putArray("argv");
        for (String arg : argv) {
            list.add(required(arg, "argv element"));
        }
        recover(action, new RecoveryStep.RunAction(run, automatic));
    }

    /**
     * any precondition, for kinds that action packages bring (a package manager's lock, a unit
     * that must exist): {@code policy.require($a, new LockFree("/var/lib/dpkg/lock-frontend"))}.
     */
    @Help("any precondition object, for kinds action packages bring")
    public void require(ActionFact action, Precondition precondition) {
        if (precondition == null) {
            throw new IllegalArgumentException("a policy call needs a precondition, got null");
        }
        recorder.add(new RuleOutput.Require(id(action), precondition, recorder.current().id()));
    }

    /** caps the memory of the process the action starts (its own cgroup: memory.max). */
    @Help("confine: caps the memory of the process the action starts")
    public void limitMemory(ActionFact action, long maxBytes) {
        confine(action, new ResourceLimits(positive(maxBytes, "memory limit"), null, null));
    }

    /** caps cpu time: {@code percent} of one cpu (50 = half a cpu). */
    @Help("confine: caps cpu time to percent of one cpu")
    public void limitCpu(ActionFact action, int percent) {
        confine(action, new ResourceLimits(null, (int) positive(percent, "cpu quota"), null));
    }

    /** caps how many processes and threads the action may have at once (fork bombs stop there). */
    @Help("confine: caps the processes and threads the action may have at once")
    public void limitPids(ActionFact action, int max) {
        confine(action, new ResourceLimits(null, null, (int) positive(max, "pids limit")));
    }

    /** scope: the action may create, change or delete {@code path} (a file, or a directory and all beneath it). */
    @Help("scope: the action may write path (a file, or a directory tree); nothing else is writable for it")
    public void grantWrite(ActionFact action, String path) {
        grant(action, Scope.writing(absolute(path)));
    }

    /** scope: the action may read the secret {@code path}, which confinement masks otherwise. */
    @Help("scope: the action may read the secret path, which stays masked otherwise")
    public void grantRead(ActionFact action, String path) {
        grant(action, Scope.reading(absolute(path)));
    }

    @Help("scope: the action may use the network")
    public void grantNetwork(ActionFact action) {
        grant(action, Scope.withNetwork());
    }

    /** scope: through llm-osd the action runs as root, not as the requester. */
    @Help("scope: the action runs as root rather than as the requester")
    public void grantRoot(ActionFact action) {
        grant(action, Scope.asRoot());
    }

    @Help("scope: the action may open the device node path")
    public void grantDevice(ActionFact action, String path) {
        grant(action, Scope.device(absolute(path)));
    }

    /** scope: on a host that cannot confine programs, the action may run unconfined (and says so). */
    @Help("scope: on a host that cannot confine, the action may run unconfined rather than be refused")
    public void allowUnconfined(ActionFact action) {
        grant(action, Scope.allowUnconfined());
    }

    private void grant(ActionFact action, Scope scope) {
        recorder.add(new RuleOutput.Grant(id(action), scope, recorder.current().id()));
    }

    private static String absolute(String path) {
        if (required(path, "path").isEmpty() || path.charAt(0) != '/') {
            throw new IllegalArgumentException("a scope path must be absolute, got '" + path + "'");
        }
        return path;
    }

    private void confine(ActionFact action, ResourceLimits limits) {
        recorder.add(new RuleOutput.Confine(id(action), limits, recorder.current().id()));
    }

    private static long positive(long value, String what) {
        if (value <= 0) {
            throw new IllegalArgumentException("a " + what + " must be positive, got " + value);
        }
        return value;
    }

    private void verdict(ActionFact action, Verdict verdict, String reason, String alternative) {
        RuleInfo rule = recorder.current();
        recorder.add(new RuleOutput.Match(id(action), verdict, rule.id(), rule.justification(),
                required(reason, "reason"), alternative));
    }

    private void recover(ActionFact action, RecoveryStep step) {
        recorder.add(new RuleOutput.Recover(id(action), step, recorder.current().id()));
    }

    private static String id(ActionFact action) {
        if (action == null) {
            throw new IllegalArgumentException("a policy call needs the action it is about, got null");
        }
        return action.id();
    }

    private static String required(String value, String what) {
        if (value == null) {
            throw new IllegalArgumentException("a policy call needs a " + what + ", got null");
        }
        return value;
    }
}
