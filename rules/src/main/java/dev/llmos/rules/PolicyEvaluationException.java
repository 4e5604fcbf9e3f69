package dev.llmos.rules;

/** a rule threw, or rules kept firing: the evaluation has no result, and nothing may run on it. */
public final class PolicyEvaluationException extends RuntimeException {

    PolicyEvaluationException(String message, Throwable cause) {
        super(message, cause);
    }
}
