package dev.llmos.actions.services;

import dev.llmos.engine.policy.Precondition;

import java.nio.file.Path;

/**
 * the unit has a unit file (or, for an instance, its template has one) somewhere on systemd's
 * search path right before the action starts. found in the files, so it holds or fails the same
 * way whether or not systemd is running. policy attaches it: {@code policy.require($a, new UnitExists($a.unit))}.
 *
 * @param root the root the search path is under: "/" on a host
 */
public record UnitExists(String unit, String root) implements Precondition {

    public UnitExists(String unit) {
        this(unit, "/");
    }

    @Override
    public String kind() {
        return "unit_exists";
    }

    @Override
    public String describe() {
        return "unit_exists " + unit + ("/".equals(root) ? "" : " under " + root);
    }

    @Override
    public Check check() {
        String name = UnitFiles.normalize(unit);
        Path file = UnitFiles.find(Path.of(root), name);
        return file == null ? new Check(false, "no unit file for " + name + " on systemd's search path")
                : new Check(true, name + " is " + file);
    }
}
