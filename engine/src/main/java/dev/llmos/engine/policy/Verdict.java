package dev.llmos.engine.policy;

import com.fasterxml.jackson.annotation.JsonValue;

/** ordered by strictness: when rules disagree, the later constant wins. */
public enum Verdict {
    ALLOW("allow"),
    CONFIRM("confirm"),
    DENY("deny");

    private final String wire;

    Verdict(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public Verdict strictest(Verdict other) {
        return compareTo(other) >= 0 ? this : other;
    }
}
