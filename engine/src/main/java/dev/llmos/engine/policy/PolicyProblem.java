package dev.llmos.engine.policy;

/**
 * a problem found while loading a policy, located in the admin's own file.
 *
 * @param line 1-based, or 0 when the compiler gave none
 */
public record PolicyProblem(String file, int line, int column, String message, boolean error) {

    /** {@code file:line: message}, as compilers print it. */
    @Override
    public String toString() {
        return file + (line > 0 ? ":" + line : "") + ": " + (error ? "" : "warning: ") + message;
    }
}
