package dev.llmos.actions.pipeline;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * the real executor decides each step again right before it runs: a plan whose earlier step (or
 * anyone) moved a link or a directory under a later step is stopped there, with recovery, and the
 * protected policy directory is left exactly as it was.
 */
class StepDecisionTest {

    private static final ActionRegistry REGISTRY = ActionRegistry.discover();

    @TempDir
    Path tmp;
    Path work;
    Path policyDir;
    Path execDrl;
    Pipeline pipeline;

    @BeforeEach
    void pipeline() throws Exception {
        Path root = tmp.toRealPath();
        work = Files.createDirectories(root.resolve("work/race/sub"));
        work = root.resolve("work");
        policyDir = Files.createDirectory(root.resolve("policy"));
        execDrl = Files.writeString(policyDir.resolve("exec.drl"), "rule \"deny everything\"\n");
        pipeline = new Pipeline(REGISTRY, new AllowAllPolicy(REGISTRY), new AuditLog(root.resolve("audit/audit.log")),
                HostProbe.system().host(), new Pipeline.Config(root.resolve("state"), Limits.DEFAULT, List.of(policyDir), Path.of("/")));
    }

    private DecidedPlan decide(String... actions) {
        String plan = "{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"test\",\"actions\":[" + String.join(",", actions) + "]}";
        return pipeline.decide(pipeline.parse(plan, TestContexts.SELF), TestContexts.SELF);
    }

    private static String action(String id, String type, String fields) {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"reason\":\"test\"," + fields + "}";
    }

    private static String write(String id, Path path) {
        return action(id, "write_file", "\"path\":" + Json.write(path.toString()) + ",\"content\":\"allow everything\"");
    }

    /** a script run in the work directory; it names the policy directory only relatively, as an attacker would */
    private String sh(String id, String script) {
        return action(id, "exec", "\"argv\":[\"/bin/sh\",\"-c\"," + Json.write(script) + "],\"cwd\":" + Json.write(work.toString()));
    }

    /** the protected file's bytes and inode and the directory's listing. */
    private List<Object> policyState() throws Exception {
        try (var files = Files.list(policyDir)) {
            return List.of(Files.readString(execDrl), Files.getAttribute(execDrl, "unix:ino"), files.sorted().toList());
        }
    }

    private static List<ActionStatus> statuses(RunOutcome outcome) {
        return outcome.actions().stream().map(a -> a.result().status()).toList();
    }

    @Test
    void aPlanThatMakesALinkInStepOneCannotWriteThroughItInStepTwo() throws Exception {
        Path link = work.resolve("link");
        List<Object> before = policyState();
        DecidedPlan decided = decide(sh("x1", "ln -s ../policy link"), write("w1", link.resolve("zz.drl")));
        RunOutcome outcome = pipeline.execute(decided, Set.of());
        String error = outcome.actions().get(1).result().error();
        assertEquals(List.of(RunStatus.FAILED, "w1", List.of(ActionStatus.OK, ActionStatus.DENIED), "builtin.protected-path", before),
                List.of(outcome.status(), outcome.failedAction(), statuses(outcome), outcome.actions().get(1).decision().rule(),
                        policyState()));
        assertEquals("refused right before it ran: " + link.resolve("zz.drl") + " resolved to " + link.resolve("zz.drl")
                + " at decision time, now to " + policyDir.resolve("zz.drl") + " (" + link + " is now a symlink to ../policy); now denied by builtin.protected-path: modifies protected path " + policyDir
                + " (" + link.resolve("zz.drl") + " resolves to " + policyDir.resolve("zz.drl") + ")", error);
    }

    @Test
    void aDirectorySwappedForALinkBetweenDecisionAndExecutionIsRefused() throws Exception {
        Path sub = work.resolve("race/sub");
        DecidedPlan decided = decide(write("w1", sub.resolve("zz.drl")));
        List<Object> before = policyState();
        Files.move(sub, work.resolve("race/sub.old"));
        Files.createSymbolicLink(sub, policyDir);
        RunOutcome outcome = pipeline.execute(decided, Set.of());
        assertEquals(List.of(RunStatus.FAILED, List.of(ActionStatus.DENIED), before),
                List.of(outcome.status(), statuses(outcome), policyState()));
    }

    @Test
    void aFileSwappedForALinkToAPolicyFileBetweenDecisionAndExecutionIsRefused() throws Exception {
        Path f = Files.writeString(work.resolve("race/f"), "scratch\n");
        DecidedPlan decided = decide(write("w1", f));
        List<Object> before = policyState();
        Files.delete(f);
        Files.createSymbolicLink(f, execDrl);
        RunOutcome outcome = pipeline.execute(decided, Set.of());
        assertEquals(List.of(RunStatus.FAILED, List.of(ActionStatus.DENIED), before),
                List.of(outcome.status(), statuses(outcome), policyState()));
    }

    @Test
    void theAutomaticUndoAfterADirectorySwapDoesNotDeleteTheProtectedFile() throws Exception {
        Path sub = work.resolve("race/sub");
        Path created = sub.resolve("exec.drl");
        // step 1 creates a file; step 2 swaps its directory for a link to the policy directory and fails
        DecidedPlan decided = decide(write("w1", created),
                sh("x1", "mv race/sub race/sub.old && ln -s ../../policy race/sub && exit 3"));
        List<Object> before = policyState();
        RunOutcome outcome = pipeline.execute(decided, Set.of());
        assertEquals(List.of(RunStatus.FAILED, List.of(ActionStatus.OK, ActionStatus.FAILED),
                        List.of(new RecoveryReport("w1", new RecoveryStep.Undo(true), "failed", "cannot undo: refusing to touch "
                                + created + ": " + sub + " was a directory when the action ran, now a symlink to ../../policy"
                                + "; nothing changed")), before),
                List.of(outcome.status(), statuses(outcome), outcome.recovery(), policyState()));
    }
}
