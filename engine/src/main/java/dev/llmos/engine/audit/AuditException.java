package dev.llmos.engine.audit;

/**
 * an audit record could not be written and synced. whatever it was to record must not happen:
 * callers stop (fail closed) and report this message.
 */
public final class AuditException extends RuntimeException {

    public AuditException(String message, Throwable cause) {
        super(message, cause);
    }
}
