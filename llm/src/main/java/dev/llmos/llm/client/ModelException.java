package dev.llmos.llm.client;

import java.util.Locale;

/**
 * no answer from the model. the message is written for the person at the prompt (what failed, where,
 * and what to check); the kind names the failure for scripts ({@code --json}); the cause is kept for
 * logs, never needed to understand it.
 */
public final class ModelException extends RuntimeException {

    /** what went wrong, one value per thing a person would do differently. */
    public enum Kind {
        /** nothing answers at the url (refused, unknown host, connect timeout). */
        UNREACHABLE,
        /** the server took longer than timeout_sec. */
        TIMEOUT,
        /** the server went away or stopped answering during the request (reset, eof, terminated, killed). */
        SERVER_GONE,
        /** the request does not fit the model's context. */
        CONTEXT_OVERFLOW,
        /** the server could not use the plan's json schema. */
        SCHEMA_REFUSED,
        /** the server does not offer json_schema structured output. */
        FORMAT_UNSUPPORTED,
        /** the answer hit max_tokens (or the end of the context) before it was complete. */
        ANSWER_CUT,
        /** the api key is missing or wrong. */
        AUTH,
        /** a configured launch command could not start a healthy server. */
        LAUNCH_FAILED,
        /** any other refusal or failure of the server. */
        SERVER_ERROR,
        /** a recording could not be read, written or replayed. */
        RECORDING;

        /** as {@code --json} names it. */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Kind kind;

    public ModelException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ModelException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** a failure of the server not named by a kind of its own. */
    public ModelException(String message) {
        this(Kind.SERVER_ERROR, message);
    }

    public ModelException(String message, Throwable cause) {
        this(Kind.SERVER_ERROR, message, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** the same failure with more said after its message (a hint from the caller). */
    public ModelException withSuffix(String suffix) {
        return new ModelException(kind, getMessage() + suffix, this);
    }
}
