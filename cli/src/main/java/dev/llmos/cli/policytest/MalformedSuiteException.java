package dev.llmos.cli.policytest;

import java.util.List;

/** suites that cannot be run: nothing runs, every problem is reported, exit 2. */
public final class MalformedSuiteException extends RuntimeException {

    private final transient List<SuiteProblem> problems;

    public MalformedSuiteException(List<SuiteProblem> problems) {
        super(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " in policy test suites");
        this.problems = List.copyOf(problems);
    }

    public List<SuiteProblem> problems() {
        return problems;
    }
}
