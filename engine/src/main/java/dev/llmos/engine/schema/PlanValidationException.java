package dev.llmos.engine.schema;

import java.util.List;
import java.util.stream.Collectors;

/** a plan that is not valid; every error is reported at once and nothing runs. */
public final class PlanValidationException extends RuntimeException {

    private final List<PlanError> errors;

    public PlanValidationException(List<PlanError> errors) {
        super(errors.size() + (errors.size() == 1 ? " error" : " errors") + " in plan:\n"
                + errors.stream().map(e -> "  " + e).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PlanError> errors() {
        return errors;
    }
}
