package dev.llmos.actions.packages;

import java.util.List;

/**
 * what the package manager says a transaction would do, from its own simulation.
 *
 * @param install packages that would be newly installed
 * @param upgrade packages whose version would change (from: the installed version)
 * @param remove packages that would be removed
 * @param text the simulation's lines that say so, for the dry run
 */
public record Simulation(List<Step> install, List<Step> upgrade, List<Step> remove, String text) {

    /** one package in a simulated transaction. {@code from} is null for a new install, {@code to} for a removal. */
    public record Step(String name, String arch, String from, String to) {
        @Override
        public String toString() {
            return name + (from != null && to != null ? " " + from + " -> " + to : " " + (to != null ? to : from));
        }
    }

    public Simulation {
        install = List.copyOf(install);
        upgrade = List.copyOf(upgrade);
        remove = List.copyOf(remove);
    }

    public boolean empty() {
        return install.isEmpty() && upgrade.isEmpty() && remove.isEmpty();
    }

    /** "would install 2 (a 1.0, b 2.0), upgrade 0, remove 1 (c 3.1)". */
    public String summary() {
        return "would install " + list(install) + ", upgrade " + list(upgrade) + ", remove " + list(remove);
    }

    private static String list(List<Step> steps) {
        if (steps.isEmpty()) {
            return "0";
        }
        List<String> shown = steps.stream().limit(20).map(Step::toString).toList();
        return steps.size() + " (" + String.join(", ", shown) + (steps.size() > shown.size() ? ", ..." : "") + ")";
    }
}
