package dev.llmos.actions.services;

import dev.llmos.actions.exec.SystemCommand;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * systemctl for one system: the running one, or (for tests) a unit tree under a root directory,
 * which systemctl handles offline with {@code --root}. the root is this handler-level seam and never
 * a plan field: a plan could otherwise point enable and disable at any directory tree, and policy
 * would have to reason about trees instead of units.
 */
public final class Systemctl {

    static final String UNKNOWN = "unknown";
    private static final int QUERY_TIMEOUT_SEC = 30;

    private final Path root;

    private Systemctl(Path root) {
        this.root = root;
    }

    /** the host's own systemd. */
    public static Systemctl system() {
        return new Systemctl(null);
    }

    /** the unit tree under {@code root}, offline: enable, disable and is-enabled only. */
    public static Systemctl offline(Path root) {
        return new Systemctl(root);
    }

    /** where unit files are looked for. */
    Path root() {
        return root == null ? Path.of("/") : root;
    }

    /** whether a systemd manager runs here that can start and stop units. */
    boolean running() {
        return root == null && Files.isDirectory(Path.of("/run/systemd/system"));
    }

    List<String> argv(String verb, String unit) {
        List<String> argv = new ArrayList<>(List.of("systemctl"));
        if (root != null) {
            argv.add("--root=" + root);
        }
        argv.addAll(List.of("--no-pager", "--no-ask-password", verb, unit));
        return argv;
    }

    SystemCommand.Result run(String verb, String unit, int timeoutSec, int maxOutputBytes) {
        return SystemCommand.run(argv(verb, unit), SystemCommand.baseEnvironment(), timeoutSec, maxOutputBytes);
    }

    /** active, inactive, failed, activating, ...; "unknown" where no systemd runs to ask. */
    String activeState(String unit) {
        if (!running()) {
            return UNKNOWN;
        }
        SystemCommand.Result r = run("is-active", unit, QUERY_TIMEOUT_SEC, 4096);
        String state = r.stdout().text().strip();
        return state.isEmpty() ? UNKNOWN : state.lines().findFirst().orElse(UNKNOWN);
    }

    /** enabled, disabled, static, masked, indirect, ...; "not-found" when no unit file exists. */
    String enabledState(String unit) {
        SystemCommand.Result r = run("is-enabled", unit, QUERY_TIMEOUT_SEC, 4096);
        String state = r.stdout().text().strip();
        if (!state.isEmpty()) {
            return state.lines().findFirst().orElse(UNKNOWN);
        }
        return r.stderr().text().contains("No such file") ? "not-found" : UNKNOWN;
    }

    /** {@code systemctl show}'s properties, one key=value a line; empty where no systemd runs. */
    String show(String unit, List<String> properties) {
        if (!running()) {
            return "";
        }
        List<String> argv = new ArrayList<>(List.of("systemctl", "--no-pager", "show", "-p", String.join(",", properties), unit));
        SystemCommand.Result r = SystemCommand.run(argv, SystemCommand.baseEnvironment(), QUERY_TIMEOUT_SEC, 64 * 1024);
        return r.ok() ? r.stdout().text() : "";
    }
}
