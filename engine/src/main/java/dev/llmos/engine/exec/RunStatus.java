package dev.llmos.engine.exec;

import com.fasterxml.jackson.annotation.JsonValue;

/** how a whole run ended. */
public enum RunStatus {
    /** every action ran and succeeded. */
    COMPLETED("completed"),
    /** policy denied at least one action, so nothing ran. */
    DENIED("denied"),
    /** a person did not approve an action that needed it; nothing from there on ran. */
    NOT_APPROVED("not_approved"),
    /** an action or its precondition failed; nothing after it ran. */
    FAILED("failed"),
    /** stopped on request (ctrl-c, plan.cancel, the daemon stopping): the running step was stopped, what ran was undone. */
    CANCELLED("cancelled"),
    /** decided and previewed, nothing executed. */
    DRY_RUN("dry_run"),
    /** a planonly plan: prose, nothing to execute. */
    PLANONLY("planonly");

    private final String wire;

    RunStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
