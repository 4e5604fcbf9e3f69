package dev.llmos.cli.explain;

import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.rules.RuleInfo;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** the explanation for people: one block per action, its matches in firing order, and why. */
public final class ExplainText {

    private ExplainText() {
    }

    public static void print(Explanation e, PrintWriter out) {
        out.println("policy " + e.policyDir() + " (digest " + e.policyDigest().substring(0, 12) + "), deciding for "
                + e.requester().user() + " (uid " + e.requester().uid() + ", groups " + String.join(",", e.requester().groups()) + ")");
        for (Explanation.ActionExplanation a : e.actions()) {
            out.println();
            Decision d = a.decision();
            out.println(a.id() + "  " + a.label());
            out.println("  decision: " + upper(d.verdict().wire()) + " by " + d.rule() + where(a.decidingRule()));
            out.println("  reason: " + d.reason());
            if (d.verdict() != dev.llmos.engine.policy.Verdict.DENY) {
                out.println("  scope: " + d.scope().describe());
            }
            if (d.alternative() != null) {
                out.println("  alternative: " + d.alternative());
            }
            out.println("  why: " + a.why());
            if (a.matches().isEmpty()) {
                out.println("  matches: none");
            } else {
                out.println("  matches, in firing order:");
                for (Explanation.MatchLine line : a.matches()) {
                    RuleOutput.Match m = line.match();
                    out.printf(Locale.ROOT, "    %-8s %s%s: %s%n", upper(m.verdict().wire()), m.rule(), where(line.rule()), role(line, d));
                    out.println("             reason: " + m.reason());
                    if (m.justification() != null) {
                        out.println("             justification: " + m.justification());
                    }
                    if (m.alternative() != null) {
                        out.println("             alternative: " + m.alternative());
                    }
                }
            }
            attached(out, "preconditions", a.preconditions());
            attached(out, "recovery", a.recovery());
            if (!a.limits().isEmpty()) {
                attached(out, "limits", a.limits());
            }
        }
    }

    private static void attached(PrintWriter out, String what, List<Explanation.Attached> list) {
        if (list.isEmpty()) {
            out.println("  " + what + ": none");
            return;
        }
        out.println("  " + what + ":");
        for (Explanation.Attached item : list) {
            out.println("    " + item.description() + "  (from " + item.rule() + ")");
        }
    }

    static String role(Explanation.MatchLine line, Decision d) {
        return switch (line.role()) {
            case DECIDES -> "decides";
            case OVERRIDDEN -> "overridden, " + d.verdict().wire() + " is stricter than " + line.match().verdict().wire();
            case AGREES -> "agrees; an earlier rule is named";
        };
    }

    static String where(RuleInfo rule) {
        return rule == null ? " (builtin)" : " (" + rule.file() + ":" + rule.line() + ")";
    }

    private static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
