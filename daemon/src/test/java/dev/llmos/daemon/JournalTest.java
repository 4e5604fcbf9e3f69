package dev.llmos.daemon;

import dev.llmos.daemon.client.Result;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.Decider;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.testkit.NoteHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class JournalTest {

    @TempDir
    Path tmp;

    private DecidedPlan decided() {
        Plan plan = new PlanParser(ActionRegistry.of(List.of(new NoteHandler()))).parse("""
                {"version": 1, "mode": "actionplan", "goal": "two notes", "actions": [
                  {"id": "a1", "type": "note", "reason": "r", "path": "/tmp/x", "text": "t"},
                  {"id": "a2", "type": "note", "reason": "r", "path": "/tmp/y", "text": "t"}]}
                """);
        var decisions = Decider.combine(plan, List.of(
                new RuleOutput.Match("a1", Verdict.ALLOW, "r", "j", "ok", null),
                new RuleOutput.Recover("a1", new RecoveryStep.Undo(true), "r"),
                new RuleOutput.Match("a2", Verdict.ALLOW, "r", "j", "ok", null)));
        return new DecidedPlan(plan, decisions, List.of(), "pol", new Requester(1000, 1000, "alice", List.of()),
                new HostFacts("h", "debian", "12", "amd64", "apt", "systemd"));
    }

    @Test
    void aJournalThatStopsMidPlanIsReportedInterruptedAtItsStep() {
        Journal journal = new Journal(tmp, Clock.systemUTC());
        DecidedPlan d = decided();
        Journal.Writer w = journal.begin("p-1", d, Set.of());
        w.starting(0, d.plan().actions().get(0));
        w.finished(0, d.plan().actions().get(0), ActionResult.of(ActionStatus.OK, null), Json.mapper().createObjectNode().put("backup", "/b"));
        w.starting(1, d.plan().actions().get(1));
        // no end: the daemon died here
        Result.Interrupted e = journal.scan().get(0);
        assertEquals(List.of("p-1", "interrupted", "1", "a2", "[a1]", "alice"),
                List.of(e.planId(), e.state(), Integer.toString(e.step()), e.action(), e.finished().toString(), e.user()));
        assertEquals("[{\"action\":\"a1\",\"automatic\":true,\"step\":\"undo (restore what the action changed)\"}]",
                Json.canonical(e.recovery()));
    }

    @Test
    void aTornLastLineStillLeavesWhatCameBefore() throws Exception {
        Journal journal = new Journal(tmp, Clock.systemUTC());
        DecidedPlan d = decided();
        Journal.Writer w = journal.begin("p-2", d, Set.of());
        w.starting(0, d.plan().actions().get(0));
        Files.writeString(tmp.resolve("p-2.jsonl"), "{\"state\":\"fini", java.nio.file.StandardOpenOption.APPEND);
        Result.Interrupted e = journal.scan().get(0);
        assertEquals(List.of("interrupted", "0", "a1"), List.of(e.state(), Integer.toString(e.step()), e.action()));
    }

    @Test
    void anEndedPlanIsNotInterrupted() {
        Journal journal = new Journal(tmp, Clock.systemUTC());
        DecidedPlan d = decided();
        try (Journal.Writer w = journal.begin("p-3", d, Set.of())) {
            w.end(RunStatus.COMPLETED);
        }
        assertEquals(List.of("ended", "completed"), List.of(journal.scan().get(0).state(), journal.scan().get(0).status()));
    }

    @Test
    void unfinishedListsOnlyThePlansWhoseJournalStopsBeforeItsEnd() {
        Journal journal = new Journal(tmp, Clock.systemUTC());
        DecidedPlan d = decided();
        try (Journal.Writer w = journal.begin("p-5", d, Set.of())) {
            w.starting(0, d.plan().actions().get(0));
            w.end(RunStatus.COMPLETED);
        }
        Journal.Writer cut = journal.begin("p-6", d, Set.of());
        cut.starting(0, d.plan().actions().get(0));
        assertEquals(List.of("p-6"), journal.unfinished().stream().map(Result.Interrupted::planId).toList());
        assertEquals(2, journal.scan().size(), "scan still lists every journal");
    }

    @Test
    void aJournalKnownToBeEndedIsNotReadAgain() throws Exception {
        Journal journal = new Journal(tmp, Clock.systemUTC());
        DecidedPlan d = decided();
        try (Journal.Writer w = journal.begin("p-7", d, Set.of())) {
            w.end(RunStatus.COMPLETED);
        }
        // cut back to its first line: read again, it would look interrupted
        Path file = tmp.resolve("p-7.jsonl");
        Files.writeString(file, Files.readAllLines(file).get(0) + "\n");
        assertEquals(List.of(), journal.unfinished(), "this daemon ended it, so status does not read it");
        assertEquals(List.of("p-7"), new Journal(tmp, Clock.systemUTC()).unfinished().stream()
                .map(Result.Interrupted::planId).toList(), "a daemon that did not see it end reads it");
    }

    private static void ran(Journal journal, String planId, DecidedPlan d) {
        try (Journal.Writer w = journal.begin(planId, d, Set.of())) {
            w.starting(0, d.plan().actions().get(0));
            w.end(RunStatus.COMPLETED);
        }
    }

    private java.util.Set<String> files() throws Exception {
        try (var list = Files.list(tmp)) {
            return new java.util.TreeSet<>(list.map(f -> f.getFileName().toString()).toList());
        }
    }

    /** ended journals past the bound are deleted, oldest first; a journal that did not end is never touched. */
    @Test
    void endedJournalsPastTheBoundGoAndWhatRecoveryNeedsStays() throws Exception {
        Journal journal = new Journal(tmp, Clock.systemUTC(), 2);
        DecidedPlan d = decided();
        Journal.Writer cut = journal.begin("p-a", d, Set.of());
        cut.starting(0, d.plan().actions().get(0));
        cut.finished(0, d.plan().actions().get(0), ActionResult.of(ActionStatus.OK, null), Json.mapper().createObjectNode().put("backup", "/b"));
        cut.starting(1, d.plan().actions().get(1));
        for (String id : List.of("p-1", "p-2", "p-3", "p-4")) {
            ran(journal, id, d);
        }
        assertEquals(java.util.Set.of("p-a.jsonl", "p-3.jsonl", "p-4.jsonl"), files());
        assertEquals(List.of("p-a"), journal.unfinished().stream().map(Result.Interrupted::planId).toList());
        assertEquals(List.of("a1"), List.copyOf(journal.cut("p-a").orElseThrow().finished().keySet()),
                "the interrupted plan's recovery still finds what to undo");
    }

    /** a daemon started on a journal directory that grew before the bound existed keeps the newest ended ones. */
    @Test
    void aRestartPrunesTheOldestEndedJournalsAndKeepsTheUnfinished() throws Exception {
        DecidedPlan d = decided();
        Journal before = new Journal(tmp, Clock.systemUTC(), 100);
        for (String id : List.of("p-1", "p-2", "p-3")) {
            ran(before, id, d);
        }
        Journal.Writer cut = before.begin("p-0", d, Set.of());
        cut.starting(0, d.plan().actions().get(0));
        long hour = 3_600_000L;
        long now = System.currentTimeMillis();
        // p-3 is the oldest, p-1 the newest; the unfinished one older than all
        List.of("p-0", "p-3", "p-2", "p-1").forEach(id -> {
            try {
                Files.setLastModifiedTime(tmp.resolve(id + ".jsonl"),
                        java.nio.file.attribute.FileTime.fromMillis(now - hour * (4 - List.of("p-0", "p-3", "p-2", "p-1").indexOf(id))));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        Journal after = new Journal(tmp, Clock.systemUTC(), 1);
        assertEquals(List.of("p-0"), after.unfinished().stream().map(Result.Interrupted::planId).toList());
        assertEquals(java.util.Set.of("p-0.jsonl", "p-1.jsonl"), files());
    }
}
