package dev.llmos.cli.policytest;

import dev.llmos.engine.policy.Decision;
import dev.llmos.rules.RuleInfo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * the report people read, shaped like {@code opa test}'s: a FAILURES section with what differed,
 * a SUMMARY (every case with -v, else the ones that did not pass), the PASS/FAIL counts, and with
 * --coverage the rules that fired in no case.
 */
public final class TextReport {

    static final String LINE = "-".repeat(80);

    private TextReport() {
    }

    public static void print(TestRun run, boolean verbose, boolean coverage, PrintWriter out) {
        List<CaseResult> bad = run.results().stream().filter(r -> r.status() != CaseResult.Status.PASS).toList();
        if (!bad.isEmpty()) {
            out.println("FAILURES");
            out.println(LINE);
            for (CaseResult r : bad) {
                out.println(status(r));
                out.println();
                failure(r, out);
                out.println();
            }
        }
        List<CaseResult> listed = verbose ? run.results() : bad;
        if (!listed.isEmpty()) {
            out.println("SUMMARY");
            out.println(LINE);
            for (CaseResult r : listed) {
                out.println(status(r));
            }
            out.println(LINE);
        }
        int total = run.results().size();
        out.println("PASS: " + run.count(CaseResult.Status.PASS) + "/" + total);
        if (run.count(CaseResult.Status.FAIL) > 0) {
            out.println("FAIL: " + run.count(CaseResult.Status.FAIL) + "/" + total);
        }
        if (run.count(CaseResult.Status.ERROR) > 0) {
            out.println("ERROR: " + run.count(CaseResult.Status.ERROR) + "/" + total);
        }
        if (coverage) {
            coverage(run, out);
        }
    }

    /** {@code file:case: PASS (412.3µs)}. */
    static String status(CaseResult r) {
        return r.id() + ": " + r.status() + " (" + Durations.format(r.duration()) + ")";
    }

    private static void failure(CaseResult r, PrintWriter out) {
        if (r.status() == CaseResult.Status.ERROR) {
            out.println("  error: " + r.error());
            return;
        }
        for (ActionCheck check : r.actions()) {
            if (check.passed()) {
                continue;
            }
            Decision d = check.actual();
            out.println("  " + check.actionId() + ": " + check.label());
            row(out, "decision", check.expected().decision().wire(), d.verdict().wire());
            row(out, "rule", check.expected().rule() == null ? "(any)" : check.expected().rule(), d.rule());
            out.printf(Locale.ROOT, "    %-14s %s%n", "reason:", d.reason());
            if (check.differs().contains("preconditions")) {
                row(out, "preconditions", String.valueOf(check.expected().preconditions()),
                        String.valueOf(ActionCheck.descriptions(d.preconditions())));
            }
            if (check.differs().contains("recovery")) {
                row(out, "recovery", String.valueOf(check.expected().recovery()),
                        String.valueOf(d.recovery().stream().map(s -> s.describe()).toList()));
            }
        }
    }

    private static void row(PrintWriter out, String what, String expected, String actual) {
        out.printf(Locale.ROOT, "    %-14s expected %s, got %s%n", what + ":", expected, actual);
    }

    private static void coverage(TestRun run, PrintWriter out) {
        List<RuleInfo> missed = run.notFired();
        out.println();
        out.println("COVERAGE");
        out.println(LINE);
        if (missed.isEmpty()) {
            out.println("every rule fired in at least one case");
        } else {
            out.println("rules that fired in no case:");
            for (RuleInfo rule : missed) {
                out.println("  " + rule.file() + ":" + rule.line() + ": " + rule.id() + " (" + rule.name() + ")");
            }
        }
        out.println(LINE);
        out.println(coverageLine(run));
    }

    /** {@code COVERAGE: 50/53 rules fired (94.3%)}. */
    static String coverageLine(TestRun run) {
        int total = run.rules().size();
        return String.format(Locale.ROOT, "COVERAGE: %d/%d rules fired (%.1f%%)", total - run.notFired().size(), total,
                run.coveragePercent());
    }
}
