package dev.llmos.llm.client;

/**
 * no answer from the model. the message is written for the person at the prompt (what failed, where,
 * and what to check); the cause is kept for logs, never needed to understand it.
 */
public final class ModelException extends RuntimeException {

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
