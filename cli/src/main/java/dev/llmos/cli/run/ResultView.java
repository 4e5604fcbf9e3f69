package dev.llmos.cli.run;

import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Output;
import dev.llmos.engine.spi.Preview;

import java.io.PrintWriter;
import java.util.List;

/** what happened, action by action, then the recovery steps and one closing line. */
public final class ResultView {

    static final int STDOUT_LINES = 20;
    static final int STDERR_LINES = 10;

    private ResultView() {
    }

    public static void results(PrintWriter out, RunOutcome outcome) {
        out.println("results:");
        for (ActionReport r : outcome.actions()) {
            ActionResult res = r.result();
            if (res == null) {
                out.println("  " + r.id() + "  not reached");
                continue;
            }
            StringBuilder head = new StringBuilder("  " + r.id() + "  " + res.status().wire());
            if (res.exitCode() != null) {
                head.append("  exit ").append(res.exitCode());
            }
            if (res.durationMs() != null) {
                head.append("  ").append(res.durationMs()).append(" ms");
            }
            out.println(head);
            for (ActionResult.CheckedPrecondition c : res.checks()) {
                out.println("      precondition " + c.precondition() + ": " + (c.ok() ? "ok" : "FAILED") + " (" + c.detail() + ")");
            }
            if (res.error() != null && !res.error().equals(res.status().wire().replace('_', ' '))) {
                out.println("      " + res.error());
            }
            if (res.data() != null && !res.data().path("confined").asBoolean(true)) {
                out.println("      ran unconfined: this host cannot confine and the decision allowed that");
            }
            if (res.data() != null && res.data().path("root_not_granted").asBoolean(false)) {
                out.println("      as_root not granted by the decision: ran as uid " + res.data().path("uid").asInt());
            }
            for (Change c : res.changes()) {
                out.println("      " + change(c));
            }
            DataView.show(out, res.data());
            excerpt(out, "stdout", res.stdout(), false);
            excerpt(out, "stderr", res.stderr(), true);
        }
        recovery(out, outcome.recovery());
    }

    static void previews(PrintWriter out, RunOutcome outcome) {
        out.println();
        out.println("dry run, nothing executed; what each action would do:");
        for (ActionReport r : outcome.actions()) {
            Preview p = r.result() == null ? null : r.result().preview();
            out.println("  " + r.id() + "  " + (p == null ? "(no preview)" : p.summary()));
            if (p != null && p.diff() != null && !p.diff().isEmpty()) {
                for (String line : p.diff().split("\n", -1)) {
                    if (!line.isEmpty()) {
                        out.println("      " + line);
                    }
                }
            }
        }
    }

    public static void planOnly(PrintWriter out, RunOutcome outcome) {
        out.println("plan (planonly, nothing executes): " + outcome.goal());
        List<String> steps = outcome.steps();
        for (int i = 0; i < steps.size(); i++) {
            out.println("  " + (i + 1) + ". " + steps.get(i));
        }
        if (steps.isEmpty()) {
            out.println("  (no steps)");
        }
    }

    /** one line saying how the run ended, in words a person can act on. */
    public static String summary(RunOutcome outcome) {
        long ran = outcome.actions().stream().filter(r -> r.result() != null
                && (r.result().status() == ActionStatus.OK || r.result().status() == ActionStatus.FAILED)).count();
        String failed = outcome.failedAction();
        return switch (outcome.status()) {
            case COMPLETED -> "completed: all " + ran + " actions ran";
            case DENIED -> "denied: policy denied " + failed + ", so nothing ran";
            case NOT_APPROVED -> "not approved: " + failed + " was not approved, so it and everything after it did not run ("
                    + ran + " ran before it)";
            case FAILED -> "failed: " + failed + " failed; nothing after it ran" + (outcome.recovery().isEmpty() ? "" : ", see recovery above");
            case CANCELLED -> "cancelled: stopped at " + failed + "; nothing after it ran" + (outcome.recovery().isEmpty() ? "" : ", see recovery above");
            case DRY_RUN -> "dry run: decided " + outcome.actions().size() + " actions, executed nothing";
            case PLANONLY -> "plan only: nothing to execute";
        };
    }

    private static void recovery(PrintWriter out, List<RecoveryReport> recovery) {
        if (recovery.isEmpty()) {
            return;
        }
        out.println("recovery:");
        for (RecoveryReport r : recovery) {
            out.println("  " + r.forAction() + "  " + r.status() + ": " + r.step().describe()
                    + (r.detail() == null || r.detail().equals(r.step().describe()) ? "" : " -> " + r.detail()));
        }
    }

    static String change(Change c) {
        StringBuilder s = new StringBuilder(c.kind() + " " + c.path());
        if (c.bytesBefore() != null || c.bytesAfter() != null) {
            s.append(" (").append(c.bytesBefore() == null ? "new" : c.bytesBefore() + " B")
                    .append(" -> ").append(c.bytesAfter() == null ? "?" : c.bytesAfter() + " B").append(')');
        }
        if (c.backup() != null) {
            s.append(", backup ").append(c.backup());
        }
        return s.toString();
    }

    private static void excerpt(PrintWriter out, String name, Output output, boolean tail) {
        if (output == null || output.text().isEmpty()) {
            return;
        }
        String text = tail ? output.tail(STDERR_LINES) : head(output.text(), STDOUT_LINES);
        out.println("      " + name + (tail ? " (last lines)" : "") + ":");
        for (String line : text.split("\n", -1)) {
            out.println("        | " + line);
        }
        if (output.truncated() || text.length() < output.text().stripTrailing().length()) {
            out.println("        | ... (" + output.totalBytes() + " bytes in all)");
        }
    }

    private static String head(String text, int lines) {
        String[] all = text.stripTrailing().split("\n", -1);
        return String.join("\n", java.util.Arrays.asList(all).subList(0, Math.min(lines, all.length)));
    }
}
