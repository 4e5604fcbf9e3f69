package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.AuditTrail;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.Decider;
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

class ClosingRecordsTest {

    @TempDir
    Path tmp;

    @Test
    void aPlanTheCrashInterruptedGetsOneClosingRecordHoweverOftenTheDaemonRestarts() throws Exception {
        ActionRegistry registry = ActionRegistry.of(List.of(new NoteHandler()));
        Plan plan = new PlanParser(registry).parse("""
                {"version": 1, "mode": "actionplan", "goal": "two notes", "actions": [
                  {"id": "a1", "type": "note", "reason": "r", "path": "/tmp/x", "text": "t"},
                  {"id": "a2", "type": "note", "reason": "r", "path": "/tmp/y", "text": "t"}]}
                """);
        DecidedPlan d = new DecidedPlan(plan, Decider.combine(plan, List.of(
                new RuleOutput.Match("a1", Verdict.ALLOW, "r", "j", "ok", null),
                new RuleOutput.Match("a2", Verdict.ALLOW, "r", "j", "ok", null))), List.of(), "pol",
                new Requester(1000, 1000, "alice", List.of()), new HostFacts("h", "debian", "12", "amd64", "apt", "systemd"));
        Journal journal = new Journal(tmp.resolve("journal"), Clock.systemUTC());
        Journal.Writer w = journal.begin("p-1", d, Set.of());
        w.starting(0, plan.actions().get(0));
        // no end: the daemon died here
        AuditTrail trail = new AuditTrail(new AuditLog(tmp.resolve("audit.jsonl")), registry);
        assertEquals(List.of(1, 0), List.of(ClosingRecords.close(journal, trail), ClosingRecords.close(journal, trail)));
        List<String> lines = Files.readAllLines(tmp.resolve("audit.jsonl"));
        JsonNode closing = Json.mapper().readTree(lines.get(lines.size() - 1));
        assertEquals(List.of("plan.interrupted", "p-1", "alice", "0", "a1"), List.of(closing.get("type").asText(),
                closing.get("plan_id").asText(), closing.get("user").asText(), closing.get("step").asText(), closing.get("action").asText()));
        assertEquals("interrupted", journal.scan().get(0).state(), "llmsh status still shows it with its recovery");
    }
}
