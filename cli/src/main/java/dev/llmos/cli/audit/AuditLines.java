package dev.llmos.cli.audit;

import com.fasterxml.jackson.databind.JsonNode;

/** one audit record as a person reads it: sequence, time, type, who, then what the type says. */
final class AuditLines {

    private AuditLines() {
    }

    static String line(JsonNode e) {
        String type = e.path("type").asText(e.path("event").asText("?"));
        StringBuilder sb = new StringBuilder();
        sb.append(e.path("seq").asText("?")).append("  ").append(e.path("time").asText("")).append("  ").append(type);
        if (e.has("user")) {
            sb.append("  ").append(e.path("user").asText()).append(e.has("pid") ? " (pid " + e.path("pid").asText() + ")" : "");
        }
        if (e.has("plan_id")) {
            sb.append("  ").append(e.path("plan_id").asText());
        } else if (e.has("plan_digest")) {
            sb.append("  plan ").append(short12(e.path("plan_digest").asText()));
        }
        switch (type) {
            case "plan.submitted" -> {
                sb.append("  \"").append(e.at("/plan/goal").asText()).append('"');
                for (JsonNode a : e.at("/plan/actions")) {
                    sb.append("\n      ").append(a.path("id").asText()).append(' ').append(a.path("type").asText()).append(' ').append(params(a));
                }
            }
            case "plan.decided" -> {
                sb.append("  (").append(e.path("when").asText()).append(", policy ").append(short12(e.path("policy_digest").asText())).append(')');
                for (JsonNode a : e.path("actions")) {
                    sb.append("\n      ").append(a.path("id").asText()).append(' ').append(a.path("verdict").asText())
                            .append(" (").append(a.path("rule").asText()).append(")  scope: ").append(a.path("scope_text").asText());
                }
            }
            case "plan.approved" -> sb.append("  approved ").append(e.path("approved")).append(" of digest ").append(short12(e.path("digest").asText()));
            case "step.started" -> {
                sb.append("  step ").append(e.path("step").asText()).append(' ').append(e.path("action").asText()).append(' ')
                        .append(e.path("action_type").asText()).append(' ').append(params(e.path("params")));
                for (JsonNode w : e.path("writes")) {
                    sb.append("\n      writes ").append(w.path("path").asText()).append(" (before: ").append(short12(w.path("before").asText())).append(')');
                }
            }
            case "step.finished" -> {
                sb.append("  step ").append(e.path("step").asText()).append(' ').append(e.path("action").asText()).append(" -> ")
                        .append(e.path("status").asText());
                if (e.has("exit_code")) {
                    sb.append(" exit ").append(e.path("exit_code").asText());
                }
                if (e.has("error")) {
                    sb.append(": ").append(e.path("error").asText());
                }
                for (JsonNode c : e.path("changes")) {
                    sb.append("\n      ").append(c.path("kind").asText()).append(' ').append(c.path("path").asText())
                            .append(" (after: ").append(short12(c.path("after").asText()));
                    if (c.has("before")) {
                        sb.append(", before: ").append(short12(c.path("before").asText()));
                    }
                    sb.append(')');
                }
            }
            case "recovery" -> sb.append("  for ").append(e.path("for_action").asText()).append(": ").append(e.path("step").asText())
                    .append(" -> ").append(e.path("phase").asText());
            case "plan.ended" -> {
                sb.append("  ").append(e.path("status").asText());
                if (e.has("stopped_at")) {
                    sb.append(" at ").append(e.path("stopped_at").asText());
                }
            }
            case "plan.interrupted" -> sb.append("  interrupted at step ").append(e.path("step").asText()).append(' ')
                    .append(e.path("action").asText("")).append(", finished ").append(e.path("finished"));
            case "audit.repair" -> sb.append("  torn tail of ").append(e.path("bytes").asText()).append(" bytes moved to ")
                    .append(e.path("quarantine").asText());
            case "audit.sealing" -> sb.append("  new sealing key chain ").append(e.path("key_id").asText())
                    .append("; verification key ").append(e.path("verify_key_file").asText());
            case "audit.epoch" -> sb.append("  epoch ").append(e.path("epoch").asText()).append(" closed, next ").append(e.path("next_epoch").asText());
            case "policy.reload" -> sb.append("  ").append(e.path("status").asText()).append(' ').append(short12(e.path("policy_digest").asText("")));
            case "peer.refused", "request.refused" -> sb.append("  ").append(e.path("reason").asText(e.path("status").asText()));
            default -> legacy(sb, e);
        }
        return sb.toString();
    }

    /** version-1 lines: one per run with every action's decision and status. */
    private static void legacy(StringBuilder sb, JsonNode e) {
        if (e.has("status")) {
            sb.append("  ").append(e.path("status").asText());
        }
        if (e.has("goal")) {
            sb.append("  \"").append(e.path("goal").asText()).append('"');
        }
        for (JsonNode a : e.path("actions")) {
            sb.append("\n      ").append(a.path("id").asText()).append(' ').append(a.path("type").asText(""))
                    .append(' ').append(a.path("decision").asText()).append(" (").append(a.path("rule").asText()).append(")");
            if (a.has("status")) {
                sb.append(" -> ").append(a.path("status").asText());
            }
        }
    }

    /** an action's parameters without its header, compact. */
    private static String params(JsonNode a) {
        com.fasterxml.jackson.databind.node.ObjectNode p = a.isObject()
                ? ((com.fasterxml.jackson.databind.node.ObjectNode) a).deepCopy() : com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        p.remove(java.util.List.of("id", "type", "reason", "danger"));
        return p.toString();
    }

    private static String short12(String s) {
        return s.matches("[0-9a-f]{64}") ? s.substring(0, 12) : s;
    }
}
