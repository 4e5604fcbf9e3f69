package dev.llmos.engine.exec;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.audit.AuditVerifier;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.testkit.NoteHandler;
import dev.llmos.engine.testkit.ScriptedPolicy;
import dev.llmos.engine.testkit.SmallDisk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the pipeline's audit records: one per event, each before what it records goes on, fail closed. */
class PipelineAuditTest {

    @TempDir
    Path tmp;

    private static final Requester ALICE = new Requester(1000, 1000, "alice", List.of("alice"));
    private static final HostFacts HOST = new HostFacts("h", "debian", "12", "amd64", "apt", "systemd");
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

    private Pipeline pipeline(Path log) {
        return new Pipeline(ActionRegistry.of(List.of(new NoteHandler())), POLICY, new AuditLog(log),
                HOST, new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(tmp.resolve("policy")), tmp));
    }

    private Plan plan(Pipeline p, Path dir, String... notes) {
        return planWithReason(p, dir, "r", notes);
    }

    private Plan planWithReason(Pipeline p, Path dir, String reason, String... notes) {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < notes.length; i++) {
            String[] kv = notes[i].split("=", 2);
            actions.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i + 1).append("\",\"type\":\"note\",\"reason\":\"").append(reason).append("\",\"path\":\"")
                    .append(dir.resolve(kv[0])).append("\",\"text\":\"").append(kv[1]).append("\"}");
        }
        return p.parse("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"actions\":[" + actions + "]}", ALICE);
    }

    private static List<JsonNode> records(Path log) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(log)) {
            out.add(Json.mapper().readTree(l));
        }
        return out;
    }

    @Test
    void everyEventOfARunIsItsOwnRecordInOrder() throws IOException {
        Path log = tmp.resolve("state/audit.jsonl");
        Pipeline p = pipeline(log);
        p.run(plan(p, tmp, "one=secret-text"), ALICE, Approver.NOBODY, false);
        p.run(plan(p, tmp, "confirm-x=1"), ALICE, Approver.NOBODY, false);
        List<JsonNode> r = records(log);
        assertEquals(List.of("audit.sealing", "plan.submitted", "plan.decided", "step.started", "step.finished", "plan.ended",
                        "plan.submitted", "plan.decided", "plan.approved", "plan.ended"),
                r.stream().map(n -> n.get("type").asText()).toList());
        // the plan's parameters are there, its content only as a digest and a length
        JsonNode submitted = r.get(1);
        assertEquals(Json.mapper().createObjectNode().put("sha256", Json.sha256("secret-text")).put("length", 11),
                submitted.at("/plan/actions/0/text"));
        assertFalse(Files.readString(log).contains("secret-text"));
        assertEquals(List.of("alice", "allow-notes", "read-only; no network; as the requester"),
                List.of(submitted.get("user").asText(), r.get(2).at("/actions/0/rule").asText(), r.get(2).at("/actions/0/scope_text").asText()));
        // the step's start names what it will write and its state before; its end the change after
        assertEquals(List.of(tmp.resolve("one").toString(), "absent"),
                List.of(r.get(3).at("/writes/0/path").asText(), r.get(3).at("/writes/0/before").asText()));
        assertEquals(List.of("ok", "created", Json.sha256("secret-text")),
                List.of(r.get(4).get("status").asText(), r.get(4).at("/changes/0/kind").asText(), r.get(4).at("/changes/0/after").asText()));
        assertEquals(List.of("completed", "not_approved"), List.of(r.get(5).get("status").asText(), r.get(9).get("status").asText()));
        assertEquals(List.of(), AuditVerifier.verify(log).problems());
    }

    @Test
    void aStepWhoseStartCannotBeRecordedOnAFullDiskDoesNotRunNorDoesAnythingAfterIt() throws Exception {
        try (SmallDisk disk = SmallDisk.mount(tmp.resolve("small"), 64)) {
            Path log = disk.dir().resolve("audit.jsonl");
            Pipeline p = pipeline(log);
            // a long reason (in the plan and in the params) makes each start record span a page, so no slack in the log's last page can hold it
            Plan plan = planWithReason(p, tmp, "r".repeat(2000), "one=1", "two=2", "three=3");
            DecidedPlan decided = p.decide(plan, ALICE);
            // between the first step's end and the second's start the disk fills up (another process, in life)
            RunListener fillsTheDisk = new RunListener() {
                @Override
                public void finished(int step, PlannedAction action, ActionResult result, JsonNode undo) {
                    try {
                        disk.fill();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
            RunOutcome outcome = p.execute(decided, Set.of(), fillsTheDisk, null, Cancellation.none());
            assertEquals(RunStatus.FAILED, outcome.status());
            assertEquals(List.of(ActionStatus.OK, ActionStatus.FAILED, ActionStatus.SKIPPED),
                    outcome.actions().stream().map(a -> a.result().status()).toList());
            String error = outcome.actions().get(1).result().error();
            assertTrue(error.startsWith("not started: cannot write the audit record (step.started) to " + log), error);
            assertEquals(List.of(true, false, false), List.of(Files.exists(tmp.resolve("one")), Files.exists(tmp.resolve("two")),
                    Files.exists(tmp.resolve("three"))));
            // undoing step one would run unrecorded too, so it is reported, not run
            assertEquals("not run", outcome.recovery().get(0).status());
            disk.free();
            List<JsonNode> r = records(log);
            assertEquals(List.of("audit.sealing", "step.started", "step.finished"), r.stream().map(n -> n.get("type").asText()).toList());
            assertEquals(List.of(), AuditVerifier.verify(log).problems());
        }
    }
}
