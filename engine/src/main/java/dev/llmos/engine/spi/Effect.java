package dev.llmos.engine.spi;

import com.fasterxml.jackson.annotation.JsonValue;

/** what running an action can do to the host; shown to people and to policy. */
public enum Effect {
    READ_ONLY("read_only"),
    MUTATING("mutating"),
    DESTRUCTIVE("destructive");

    private final String wire;

    Effect(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }
}
