package dev.llmos.llm;

import dev.llmos.engine.plan.PlanMode;

import java.util.Optional;

/**
 * what kind of answer a request may get. {@code AUTO} lets the prompt kernel's rules choose ("plan",
 * "what would you do" give planonly; "run", "do it" give an actionplan; an ambiguous request gets one
 * question as planonly). the forced modes also narrow the schema, so a compliant server cannot answer
 * {@code llmsh plan} with anything executable.
 */
public enum Mode {
    AUTO,
    PLANONLY,
    ACTIONPLAN;

    /** the plan mode this forces, if any. */
    public Optional<PlanMode> forced() {
        return switch (this) {
            case AUTO -> Optional.empty();
            case PLANONLY -> Optional.of(PlanMode.PLANONLY);
            case ACTIONPLAN -> Optional.of(PlanMode.ACTIONPLAN);
        };
    }

    /** how the mode reads in the request sent to the model. */
    String instruction() {
        return switch (this) {
            case AUTO -> "mode: choose planonly or actionplan by the output-mode rules";
            case PLANONLY -> "mode: planonly (forced; nothing will be executed)";
            case ACTIONPLAN -> "mode: actionplan (forced; the person asked for execution)";
        };
    }
}
