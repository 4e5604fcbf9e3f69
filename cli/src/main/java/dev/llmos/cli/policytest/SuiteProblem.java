package dev.llmos.cli.policytest;

/**
 * one thing wrong with a test suite file.
 *
 * @param caseName the case it is in, or null when it is about the file as a whole
 * @param pointer json pointer into the file's document ("/cases/3/expect/a1"), "" for the whole file
 * @param line 1-based line of a yaml syntax error, 0 otherwise
 */
public record SuiteProblem(String file, String caseName, String pointer, int line, int column, String message) {

    /** {@code file: case "name" at /cases/3/plan/actions/0: message}, or {@code file:line:column: message}. */
    @Override
    public String toString() {
        if (line > 0) {
            return file + ":" + line + ":" + column + ": " + message;
        }
        String where = caseName != null ? " case \"" + caseName + "\" at " + pointerText() : " " + pointerText();
        return file + ":" + where + ": " + message;
    }

    private String pointerText() {
        return pointer.isEmpty() ? "/" : pointer;
    }
}
