package dev.llmos.daemon;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.exec.AuditTrail;
import dev.llmos.engine.json.Json;

/**
 * at start, gives each plan a crash interrupted its closing audit record, from the journal: the
 * step it was on, the steps that finished, the recovery it offers. once written, the journal notes
 * it so a second restart does not repeat it. a record that cannot be written stops the start.
 */
final class ClosingRecords {

    private ClosingRecords() {
    }

    static int close(Journal journal, AuditTrail trail) {
        int n = 0;
        for (dev.llmos.daemon.client.Result.Interrupted e : journal.unfinished()) {
            if (!"interrupted".equals(e.state()) || journal.audited(e.planId())) {
                continue;
            }
            ObjectNode r = Json.mapper().createObjectNode().put("plan_id", e.planId()).put("user", e.user())
                    .put("uid", e.uid()).put("goal", e.goal()).put("status", "interrupted").put("step", e.step())
                    .put("last_update", e.updated());
            if (e.action() != null) {
                r.put("action", e.action());
            }
            e.finished().forEach(r.putArray("finished")::add);
            r.set("recovery", e.recovery());
            r.put("note", "the daemon stopped while this plan ran; `llmsh status` shows it and its recovery steps");
            trail.record("plan.interrupted", r);
            journal.markAudited(e.planId());
            n++;
        }
        return n;
    }
}
