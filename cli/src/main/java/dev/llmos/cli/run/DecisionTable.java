package dev.llmos.cli.run;

import dev.llmos.cli.app.Colour;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.Verdict;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** the decision table a person reads before anything runs, then why each action got its verdict. */
public final class DecisionTable {

    private static final String[] HEADER = {"ID", "TYPE", "DECISION", "RULE", "DANGER", "PRECONDITIONS"};

    private DecisionTable() {
    }

    /** the rows of a decided plan, before anything ran. */
    public static List<ActionReport> rows(DecidedPlan decided) {
        return decided.plan().actions().stream()
                .map(a -> new ActionReport(a.id(), a.type(), a.header().reason(), a.header().danger(),
                        decided.decision(a.id()), null))
                .toList();
    }

    public static void print(PrintWriter out, Plan plan, String policyDigest, List<ActionReport> rows) {
        print(out, plan, policyDigest, rows, Colour.OFF);
    }

    /** as above, the verdicts in {@code colour} (padded first, so the columns line up either way). */
    public static void print(PrintWriter out, Plan plan, String policyDigest, List<ActionReport> rows, Colour colour) {
        print(out, plan, plan.digest(), policyDigest, rows, colour);
    }

    /** as above, with the plan's digest as the one who decided it computed it. */
    static void print(PrintWriter out, Plan plan, String planDigest, String policyDigest, List<ActionReport> rows, Colour colour) {
        out.println("plan: " + plan.goal());
        out.println("      " + plan.actions().size() + (plan.actions().size() == 1 ? " action" : " actions")
                + ", plan " + shortDigest(planDigest) + ", policy " + shortDigest(policyDigest));
        out.println();
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (ActionReport r : rows) {
            Decision d = r.decision();
            cells.add(new String[]{r.id(), r.type(), d.verdict().wire().toUpperCase(java.util.Locale.ROOT), d.rule(),
                    r.danger() == null ? "none" : r.danger().wire(), preconditions(d)});
        }
        int[] width = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                String cell = i == row.length - 1 ? row[i] : pad(row[i], width[i] + 2);
                line.append(i == 2 && row != cells.get(0) ? colour.verdict(row[i]) + cell.substring(row[i].length()) : cell);
            }
            out.println(line.toString().stripTrailing());
        }
        out.println();
        for (ActionReport r : rows) {
            explain(out, r, plan.action(r.id()).orElseThrow(), colour);
        }
    }

    private static void explain(PrintWriter out, ActionReport r, PlannedAction action, Colour colour) {
        Decision d = r.decision();
        out.println(r.id() + "  " + ActionText.describe(action));
        out.println("    planned because: " + r.reason());
        String verdict = d.verdict().wire();
        out.println("    " + colour.verdict(verdict) + " (" + d.rule() + "): " + nonEmpty(d.reason(), d.justification()));
        // the rule's justification matters where a person decides or is refused; an allow needs none
        if (d.verdict() != Verdict.ALLOW && d.justification() != null && !d.justification().isBlank()
                && !d.justification().equals(d.reason())) {
            out.println("    why: " + d.justification());
        }
        if (d.verdict() == Verdict.DENY) {
            out.println("    instead: " + nonEmpty(d.alternative(), "no safer alternative offered"));
        } else {
            // what a person approves is the command within this scope, not the bare command
            out.println("    scope: " + d.scope().describe());
        }
    }

    static String preconditions(Decision d) {
        if (d.preconditions().isEmpty()) {
            return "-";
        }
        return d.preconditions().stream().map(Precondition::describe).collect(Collectors.joining(", "));
    }

    static String shortDigest(String digest) {
        return digest == null ? "-" : digest.substring(0, Math.min(12, digest.length()));
    }

    private static String nonEmpty(String first, String fallback) {
        return first == null || first.isBlank() ? (fallback == null ? "" : fallback) : first;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s + " " : s + " ".repeat(width - s.length());
    }
}
