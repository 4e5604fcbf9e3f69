package dev.llmos.engine.policy;

import java.util.List;
import java.util.stream.Collectors;

/** a policy that cannot be used; nothing runs under it. */
public final class PolicyLoadException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public PolicyLoadException(List<PolicyProblem> problems) {
        super(problems.stream().map(PolicyProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public List<PolicyProblem> problems() {
        return problems;
    }
}
