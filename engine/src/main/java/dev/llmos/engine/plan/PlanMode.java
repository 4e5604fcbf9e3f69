package dev.llmos.engine.plan;

import com.fasterxml.jackson.annotation.JsonValue;

/** planonly plans are prose and never execute; actionplan plans carry executable actions. */
public enum PlanMode {
    PLANONLY("planonly"),
    ACTIONPLAN("actionplan");

    private final String wire;

    PlanMode(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static PlanMode fromWire(String value) {
        for (PlanMode mode : values()) {
            if (mode.wire.equals(value)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown plan mode: " + value);
    }
}
