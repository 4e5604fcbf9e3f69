package dev.llmos.engine.policy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * something that must hold right before an action runs. policy attaches them; the executor checks
 * them. each checks itself, so an action package can bring its own (a package manager lock, say).
 */
public interface Precondition {

    /** the wire name: path_exists, disk_free, ... */
    @JsonProperty("kind")
    String kind();

    /** one line for the decision table ("disk_free /var >= 100 MiB"). */
    @JsonIgnore
    String describe();

    Check check();

    /** the result of checking a precondition. */
    record Check(boolean ok, String detail) {
    }
}
