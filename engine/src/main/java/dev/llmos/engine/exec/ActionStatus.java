package dev.llmos.engine.exec;

import com.fasterxml.jackson.annotation.JsonValue;

/** what became of one action in a run. */
public enum ActionStatus {
    OK("ok"),
    FAILED("failed"),
    PRECONDITION_FAILED("precondition_failed"),
    NOT_APPROVED("not_approved"),
    DENIED("denied"),
    SKIPPED("skipped"),
    /** stopped while it ran, or not started, because the plan was cancelled. */
    CANCELLED("cancelled"),
    DRY_RUN("dry_run");

    private final String wire;

    ActionStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
