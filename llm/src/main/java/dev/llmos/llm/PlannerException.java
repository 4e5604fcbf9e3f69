package dev.llmos.llm;

import dev.llmos.engine.schema.PlanError;

import java.util.List;
import java.util.stream.Collectors;

/**
 * the model gave no valid plan within the repair rounds. nothing runs; the last errors and the
 * last answer are kept so the person can see what the model got wrong.
 */
public final class PlannerException extends RuntimeException {

    /** errors in the message; a 65-action answer can have hundreds. */
    static final int SHOWN = 10;

    private final List<PlanError> errors;
    private final String lastAnswer;

    public PlannerException(int answers, List<PlanError> errors, String lastAnswer) {
        super("the model gave no valid plan in " + answers + (answers == 1 ? " answer" : " answers")
                + "; the last one had " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                + (errors.size() > SHOWN ? " (the first " + SHOWN + " shown)" : "") + ":\n"
                + errors.stream().limit(SHOWN).map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
        this.lastAnswer = lastAnswer;
    }

    /** for --json: what kind of failure this is, beside the model client's kinds. */
    public static final String KIND = "invalid_plan";

    public List<PlanError> errors() {
        return errors;
    }

    /** the model's last answer as it came, for a --debug view. */
    public String lastAnswer() {
        return lastAnswer;
    }
}
