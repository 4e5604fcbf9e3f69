package dev.llmos.engine.exec;

import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.testkit.NoteHandler;
import dev.llmos.engine.testkit.ScriptedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * each step is decided again right before it runs: when an earlier step made the policy stricter
 * for a later one (its verdict, or the scope it grants), the later step is refused with what
 * changed and the plan stops and recovers.
 */
class StepRecheckTest {

    private static final Requester ALICE = new Requester(1000, 1000, "alice", List.of("alice"));
    private static final HostFacts HOST = new HostFacts("h", "debian", "12", "amd64", "apt", "systemd");

    @TempDir
    Path tmp;

    /** notes are allowed and granted their path; a "strict" file makes them need approval, a "net" file adds network. */
    private Pipeline pipeline() {
        ScriptedPolicy policy = new ScriptedPolicy(request -> {
            List<RuleOutput> out = new ArrayList<>();
            boolean strict = Files.exists(tmp.resolve("strict"));
            boolean net = Files.exists(tmp.resolve("net"));
            for (ActionFact f : request.facts()) {
                NoteHandler.Note n = (NoteHandler.Note) f;
                out.add(new RuleOutput.Match(n.id(), strict ? Verdict.CONFIRM : Verdict.ALLOW, strict ? "notes.strict" : "notes.allow",
                        "test policy", strict ? "notes need a person now" : "note", null));
                Scope scope = Scope.writing(n.realPath());
                out.add(new RuleOutput.Grant(n.id(), net ? scope.union(Scope.withNetwork()) : scope, "notes.scope"));
                out.add(new RuleOutput.Recover(n.id(), new RecoveryStep.Undo(true), "notes.undo"));
            }
            return out;
        });
        return new Pipeline(ActionRegistry.of(List.of(new NoteHandler())), policy, new AuditLog(tmp.resolve("state/audit.jsonl")),
                HOST, new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(tmp.resolve("policy")), Path.of("/")));
    }

    private Plan plan(Pipeline p, String first, String second) {
        return p.parse("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"actions\":["
                + "{\"id\":\"a1\",\"type\":\"note\",\"reason\":\"r\",\"path\":\"" + tmp.resolve(first) + "\",\"text\":\"1\"},"
                + "{\"id\":\"a2\",\"type\":\"note\",\"reason\":\"r\",\"path\":\"" + tmp.resolve(second) + "\",\"text\":\"2\"}]}", ALICE);
    }

    @Test
    void aStepThatNowNeedsApprovalIsRefusedAndTheEarlierStepUndone() {
        Pipeline p = pipeline();
        RunOutcome outcome = p.execute(p.decide(plan(p, "strict", "two"), ALICE), Set.of());
        assertEquals(List.of(RunStatus.FAILED, "a2", ActionStatus.DENIED, "refused right before it ran: now needs approval"
                        + " (notes.strict: notes need a person now); it was allowed without asking", List.of("ran"), false, false),
                List.of(outcome.status(), outcome.failedAction(), outcome.actions().get(1).result().status(),
                        outcome.actions().get(1).result().error(), outcome.recovery().stream().map(RecoveryReport::status).toList(),
                        Files.exists(tmp.resolve("strict")), Files.exists(tmp.resolve("two"))));
    }

    /**
     * the daemon decides a plan again at execute and hands that decision in: it stands for the first
     * step's own decision right before it runs (nothing ran in between), so the same plan is not
     * decided twice in a row. here the host changed after that decision and before the call: the
     * step is judged on the decision made, as it would have been had the change come a moment later.
     */
    @Test
    void aDecisionMadeJustBeforeStandsForTheFirstStep() throws Exception {
        Pipeline p = pipeline();
        DecidedPlan shown = p.decide(plan(p, "one", "two"), ALICE);
        Files.writeString(tmp.resolve("strict"), "");
        DecidedPlan now = p.decide(shown.plan(), ALICE);
        Files.delete(tmp.resolve("strict"));
        RunOutcome outcome = p.execute(shown, Set.of(), RunListener.NONE, null, Cancellation.none(), now);
        assertEquals(List.of(RunStatus.FAILED, "a1", ActionStatus.DENIED, false),
                List.of(outcome.status(), outcome.failedAction(), outcome.actions().get(0).result().status(),
                        Files.exists(tmp.resolve("one"))));
    }

    @Test
    void aStepWhoseScopeChangedIsRefused() {
        Pipeline p = pipeline();
        RunOutcome outcome = p.execute(p.decide(plan(p, "net", "two"), ALICE), Set.of());
        assertEquals(List.of(ActionStatus.DENIED, "refused right before it ran: its scope changed since the decision: was \"write "
                        + tmp.resolve("two") + "; no network; as the requester\", now \"write " + tmp.resolve("two")
                        + "; network; as the requester\""),
                List.of(outcome.actions().get(1).result().status(), outcome.actions().get(1).result().error()));
    }

    @Test
    void stepsWhoseDecisionStillHoldsRun() throws Exception {
        Pipeline p = pipeline();
        RunOutcome outcome = p.execute(p.decide(plan(p, "one", "two"), ALICE), Set.of());
        assertEquals(List.of(RunStatus.COMPLETED, "2"), List.of(outcome.status(), Files.readString(tmp.resolve("two"))));
    }
}
