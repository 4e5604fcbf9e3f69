package dev.llmos.engine.schema;

/**
 * one thing wrong with a plan.
 *
 * @param pointer json pointer to the offending value ("/actions/2/argv"), "" for the whole plan
 */
public record PlanError(String pointer, String message) {

    @Override
    public String toString() {
        return (pointer.isEmpty() ? "/" : pointer) + ": " + message;
    }
}
