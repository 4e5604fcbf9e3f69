package dev.llmos.cli.run;

import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.plan.PlannedAction;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * asks the person about each CONFIRM action in plan order and stops at the first no, since later
 * steps may depend on the refused one (docs/decisions/0004). never asked about a DENY.
 */
public final class ConfirmPrompt {

    /** how approvals are given for this run. */
    public enum Mode {
        /** {@code --yes}: every CONFIRM action is approved. */
        YES,
        /** a person at a terminal answers. */
        ASK,
        /** nobody can answer (stdin is not a terminal, or it carried the plan). */
        NOBODY
    }

    private final Mode mode;
    private final BufferedReader in;
    private final PrintWriter to;
    private final String whyNobody;

    ConfirmPrompt(Mode mode, java.io.InputStream in, PrintWriter to, String whyNobody) {
        this(mode, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), to, whyNobody);
    }

    /** reads answers from {@code in}, which a shell shares with its own prompt so neither reads ahead of the other. */
    public ConfirmPrompt(Mode mode, BufferedReader in, PrintWriter to, String whyNobody) {
        this.mode = mode;
        this.in = in;
        this.to = to;
        this.whyNobody = whyNobody;
    }

    public Set<String> approve(DecidedPlan decided) {
        List<PlannedAction> pending = decided.toConfirm();
        Set<String> approved = new LinkedHashSet<>();
        if (pending.isEmpty()) {
            return approved;
        }
        switch (mode) {
            case YES -> {
                pending.forEach(a -> approved.add(a.id()));
                to.println("approved with --yes: " + String.join(", ", approved));
            }
            case NOBODY -> to.println(whyNobody + ": nothing approved; " + ids(pending)
                    + (pending.size() == 1 ? " needs" : " need") + " confirmation (pass --yes to approve)");
            case ASK -> {
                for (PlannedAction action : pending) {
                    to.print("approve " + action.id() + " (" + ActionText.describe(action) + ")? [y/N] ");
                    to.flush();
                    if (!yes(readLine())) {
                        to.println("not approved: " + action.id() + "; it and everything after it will not run");
                        break;
                    }
                    approved.add(action.id());
                }
            }
        }
        to.flush();
        return approved;
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line == null) {
                to.println();
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the answer: " + e.getMessage(), e);
        }
    }

    static boolean yes(String answer) {
        if (answer == null) {
            return false;
        }
        String a = answer.trim().toLowerCase(Locale.ROOT);
        return a.equals("y") || a.equals("yes");
    }

    private static String ids(List<PlannedAction> actions) {
        return String.join(", ", actions.stream().map(PlannedAction::id).toList());
    }
}
