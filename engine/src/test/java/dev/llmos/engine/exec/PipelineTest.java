package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.policy.ProtectedPaths;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.testkit.NoteHandler;
import dev.llmos.engine.testkit.ScriptedPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class PipelineTest {

    @TempDir
    Path tmp;

    private static final Requester ALICE = new Requester(1000, 1000, "alice", List.of("alice"));
    private static final HostFacts HOST = new HostFacts("h", "debian", "12", "amd64", "apt", "systemd");

    /** allows every note, confirms notes whose file name starts with "confirm", undoes automatically. */
    private static final ScriptedPolicy POLICY = new ScriptedPolicy(request -> {
        List<RuleOutput> out = new ArrayList<>();
        for (ActionFact f : request.facts()) {
            NoteHandler.Note n = (NoteHandler.Note) f;
            boolean confirm = Path.of(n.path()).getFileName().toString().startsWith("confirm");
            out.add(new RuleOutput.Match(n.id(), confirm ? Verdict.CONFIRM : Verdict.ALLOW, confirm ? "confirm-named" : "allow-notes",
                    "test policy", "note", null));
            out.add(new RuleOutput.Recover(n.id(), new RecoveryStep.Undo(true), "undo-notes"));
        }
        return out;
    });

    private Pipeline pipeline() {
        return new Pipeline(ActionRegistry.of(List.of(new NoteHandler())), POLICY, new AuditLog(tmp.resolve("state/audit.jsonl")),
                HOST, new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(tmp.resolve("policy")), tmp));
    }

    private Plan plan(Pipeline p, String... notes) {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < notes.length; i++) {
            String[] kv = notes[i].split("=", 2);
            boolean fail = kv[1].equals("FAIL");
            actions.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i + 1).append("\",\"type\":\"note\",\"reason\":\"r\",\"path\":\"")
                    .append(tmp.resolve(kv[0])).append("\",\"text\":\"").append(kv[1]).append("\"").append(fail ? ",\"fail\":true" : "").append("}");
        }
        return p.parse("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"actions\":[" + actions + "]}", ALICE);
    }

    private List<ActionStatus> statuses(RunOutcome outcome) {
        return outcome.actions().stream().map(r -> r.result().status()).toList();
    }

    @Test
    void runsAnAllowedPlanInOrder() throws IOException {
        Pipeline p = pipeline();
        RunOutcome outcome = p.run(plan(p, "one=1", "two=2"), ALICE, Approver.NOBODY, false);
        assertEquals(RunStatus.COMPLETED, outcome.status());
        assertEquals("1", Files.readString(tmp.resolve("one")));
        assertEquals("2", Files.readString(tmp.resolve("two")));
    }

    @Test
    void aRefusedConfirmationRunsNothingAfterIt() {
        Pipeline p = pipeline();
        RunOutcome outcome = p.run(plan(p, "one=1", "confirm-me=2", "three=3"), ALICE, Approver.NOBODY, false);
        assertEquals(RunStatus.NOT_APPROVED, outcome.status());
        assertEquals(List.of(ActionStatus.OK, ActionStatus.NOT_APPROVED, ActionStatus.SKIPPED), statuses(outcome));
        assertFalse(Files.exists(tmp.resolve("confirm-me")));
        assertFalse(Files.exists(tmp.resolve("three")));
    }

    @Test
    void writingTheProtectedPolicyDirectoryIsDeniedWhateverThePolicySays() throws IOException {
        Files.createDirectories(tmp.resolve("policy"));
        Pipeline p = pipeline();
        RunOutcome outcome = p.run(plan(p, "one=1", "policy/evil.drl=x"), ALICE, Approver.EVERYTHING, false);
        assertEquals(RunStatus.DENIED, outcome.status());
        assertEquals(ProtectedPaths.RULE, outcome.actions().get(1).decision().rule());
        assertEquals(List.of(ActionStatus.SKIPPED, ActionStatus.DENIED), statuses(outcome));
        assertFalse(Files.exists(tmp.resolve("one")), "nothing runs when anything is denied");
    }

    @Test
    void aSymlinkIntoTheAuditDirectoryIsResolvedAndDenied() throws IOException {
        Files.createDirectories(tmp.resolve("state"));
        Files.createSymbolicLink(tmp.resolve("innocent"), tmp.resolve("state"));
        Pipeline p = pipeline();
        RunOutcome outcome = p.run(plan(p, "innocent/audit.jsonl=forged"), ALICE, Approver.EVERYTHING, false);
        assertEquals(RunStatus.DENIED, outcome.status());
        assertEquals("modifies protected path " + tmp.resolve("state/audit.jsonl").toRealPath() + " (" + tmp.resolve("innocent/audit.jsonl")
                + " resolves to " + tmp.resolve("state/audit.jsonl").toRealPath() + ")", outcome.actions().get(0).decision().reason());
    }

    @Test
    void aFailureUndoesWhatRanNewestFirst() throws IOException {
        Files.writeString(tmp.resolve("one"), "original one");
        Pipeline p = pipeline();
        RunOutcome outcome = p.run(plan(p, "one=changed", "two=new", "three=FAIL"), ALICE, Approver.NOBODY, false);
        assertEquals(RunStatus.FAILED, outcome.status());
        assertEquals("a3", outcome.failedAction());
        assertEquals(List.of("a2", "a1"), outcome.recovery().stream().map(RecoveryReport::forAction).toList());
        assertEquals(List.of("ran", "ran"), outcome.recovery().stream().map(RecoveryReport::status).toList());
        assertEquals("original one", Files.readString(tmp.resolve("one")));
        assertFalse(Files.exists(tmp.resolve("two")));
    }

    @Test
    void aDryRunChangesNothingAndPreviewsEachAction() {
        Pipeline p = pipeline();
        RunOutcome outcome = p.run(plan(p, "one=1"), ALICE, Approver.EVERYTHING, true);
        assertEquals(RunStatus.DRY_RUN, outcome.status());
        assertEquals("would write " + tmp.resolve("one"), outcome.actions().get(0).result().preview().summary());
        assertFalse(Files.exists(tmp.resolve("one")));
    }

    @Test
    void decidingTheSamePlanTwiceGivesTheSameDigest() {
        Pipeline p = pipeline();
        Plan plan = plan(p, "one=1", "confirm-two=2");
        DecidedPlan a = p.decide(plan, ALICE);
        DecidedPlan b = p.decide(plan, ALICE);
        assertEquals(a.decisions(), b.decisions());
        assertEquals(a.digest(), b.digest());
        assertEquals(Set.of("a2"), Approver.EVERYTHING.approve(a));
    }

    @Test
    void anInvalidPlanIsAuditedAndRunsNothing() throws IOException {
        Pipeline p = pipeline();
        try {
            p.parse("{\"version\": 2}", ALICE);
        } catch (dev.llmos.engine.schema.PlanValidationException expected) {
            // the audit line is what this test is about
        }
        JsonNode line = Json.mapper().readTree(Files.readAllLines(tmp.resolve("state/audit.jsonl")).get(1));
        assertEquals("plan.invalid", line.get("type").asText());
        assertEquals(true, line.get("errors").size() >= 3, line.toString());
    }

}
