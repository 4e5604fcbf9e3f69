package dev.llmos.engine.spi;

import com.fasterxml.jackson.annotation.JsonValue;

/** how destructive the planner says an action is; policy sees it, the executor never trusts it. */
public enum Danger {
    NONE("none"),
    LOW("low"),
    MEDIUM("medium"),
    HIGH("high");

    private final String wire;

    Danger(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static Danger fromWire(String value) {
        if (value == null) {
            return NONE;
        }
        for (Danger danger : values()) {
            if (danger.wire.equals(value)) {
                return danger;
            }
        }
        throw new IllegalArgumentException("unknown danger: " + value);
    }
}
