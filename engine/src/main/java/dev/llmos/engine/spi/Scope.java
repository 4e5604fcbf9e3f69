package dev.llmos.engine.spi;

import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.ArrayList;
import java.util.List;

/**
 * what an action may touch once it runs, as rules granted it. a verdict says whether the action
 * runs; the scope says what the kernel lets it do: the executor confines programs to it (only
 * {@code writable} can be written, the catalogue's secrets stay masked unless {@code readable}
 * names them, no network unless granted), binds file actions to the decided objects, and runs
 * everything as the requester unless {@code root} is granted. grants from several rules add up;
 * an action no rule granted anything gets {@link #NONE}: read-only, secrets masked, offline, as
 * the requester.
 *
 * @param writable real paths (files or directory trees) the action may create, change or delete
 * @param readable secret paths from the catalogue the action may read (others stay masked)
 * @param network whether the action may use the network
 * @param root whether the action runs as root when the requester is not root
 * @param devices device nodes the action may open beyond the harmless ones (null, zero, tty, ...)
 * @param unconfined whether the action may run without confinement on a host that cannot confine;
 *                   without this grant such a host refuses the action and says why
 */
public record Scope(List<String> writable, List<String> readable, boolean network, boolean root, List<String> devices,
                    boolean unconfined) {

    public static final Scope NONE = new Scope(List.of(), List.of(), false, false, List.of(), false);

    public Scope {
        writable = distinct(writable);
        readable = distinct(readable);
        devices = distinct(devices);
    }

    @JsonIgnore
    public boolean isNone() {
        return equals(NONE);
    }

    /** both grants together, in the order they were granted. */
    public Scope union(Scope other) {
        // most grants add one path to nothing: no need to build and de-duplicate lists for that
        if (other.grantsNothing()) {
            return this;
        }
        if (grantsNothing()) {
            return other;
        }
        return new Scope(concat(writable, other.writable), concat(readable, other.readable), network || other.network,
                root || other.root, concat(devices, other.devices), unconfined || other.unconfined);
    }

    private boolean grantsNothing() {
        return writable.isEmpty() && readable.isEmpty() && devices.isEmpty() && !network && !root && !unconfined;
    }

    public static Scope writing(String path) {
        return new Scope(List.of(path), List.of(), false, false, List.of(), false);
    }

    public static Scope reading(String secretPath) {
        return new Scope(List.of(), List.of(secretPath), false, false, List.of(), false);
    }

    public static Scope device(String path) {
        return new Scope(List.of(), List.of(), false, false, List.of(path), false);
    }

    public static Scope withNetwork() {
        return new Scope(List.of(), List.of(), true, false, List.of(), false);
    }

    public static Scope asRoot() {
        return new Scope(List.of(), List.of(), false, true, List.of(), false);
    }

    public static Scope allowUnconfined() {
        return new Scope(List.of(), List.of(), false, false, List.of(), true);
    }

    /** one line for people: "write /srv/app; no network; as the requester". */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add(writable.isEmpty() ? "read-only" : "write " + String.join(", ", writable));
        if (!readable.isEmpty()) {
            // one list holds both: secret files granted for reading and service sockets granted for connecting.
            parts.add("may open protected " + String.join(", ", readable));
        }
        if (!devices.isEmpty()) {
            parts.add("devices " + String.join(", ", devices));
        }
        parts.add(network ? "network" : "no network");
        parts.add(root ? "as root" : "as the requester");
        if (unconfined) {
            parts.add("unconfined where the host cannot confine");
        }
        return String.join("; ", parts);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static List<String> distinct(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of();
        }
        return values.size() == 1 && values.get(0) != null ? List.of(values.get(0)) : values.stream().distinct().toList();
    }
}
