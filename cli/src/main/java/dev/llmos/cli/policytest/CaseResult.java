package dev.llmos.cli.policytest;

import java.time.Duration;
import java.util.List;

/**
 * how one case went.
 *
 * @param actions one check per expected action, in the case's order
 * @param error why the case could not be decided (status ERROR), else null
 */
public record CaseResult(TestCase testCase, Status status, Duration duration, List<ActionCheck> actions, String error) {

    /** PASS, FAIL (a decision differed) or ERROR (the case could not be decided). */
    public enum Status {
        PASS, FAIL, ERROR
    }

    public CaseResult {
        actions = List.copyOf(actions);
    }

    /** {@code file:name}, what --run matches and what output lists. */
    public String id() {
        return testCase.file() + ":" + testCase.name();
    }
}
