package dev.llmos.cli.app;

import dev.llmos.engine.exec.RunStatus;

/**
 * the only place exit codes are decided. scripts depend on these, so they are documented in the
 * readme and never change meaning.
 */
public final class ExitCodes {

    /** everything ran, or there was nothing wrong to report. */
    public static final int OK = 0;
    /** something was denied, refused, not approved or failed. */
    public static final int FAILED = 1;
    /** bad input: usage, an unreadable or invalid plan, a policy that does not compile, a bad config. */
    public static final int BAD_INPUT = 2;
    /** cancelled (ctrl-c): the running step was stopped and the automatic recovery ran; 128 + SIGINT, as shells expect. */
    public static final int CANCELLED = 130;

    private ExitCodes() {
    }

    public static int of(RunStatus status) {
        return switch (status) {
            case COMPLETED, DRY_RUN, PLANONLY -> OK;
            case DENIED, NOT_APPROVED, FAILED -> FAILED;
            case CANCELLED -> CANCELLED;
        };
    }
}
