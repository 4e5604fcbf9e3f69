package dev.llmos.actions.packages;

import dev.llmos.engine.policy.Precondition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * the package manager's locks are free right before the action starts: nobody else (an unattended
 * upgrade, a person's apt in another terminal) is changing packages. for apt and dnf the lock files
 * are asked with fcntl(F_GETLK), which never takes the lock; pacman's lock is a file that exists
 * while pacman runs. policy attaches it: {@code policy.require($a, new LockFree($a.manager))}.
 *
 * @param manager apt, dnf or pacman
 * @param paths the lock files checked (by default the manager's own)
 */
public record LockFree(String manager, List<String> paths) implements Precondition {

    public LockFree {
        paths = List.copyOf(paths);
    }

    /** the manager's own lock files. */
    public LockFree(String manager) {
        this(manager, defaultPaths(manager));
    }

    static List<String> defaultPaths(String manager) {
        return switch (manager == null ? "" : manager) {
            case "apt" -> AptBackend.LOCKS;
            case "dnf" -> DnfBackend.LOCKS;
            case "pacman" -> PacmanBackend.LOCKS;
            default -> List.of();
        };
    }

    @Override
    public String kind() {
        return "lock_free";
    }

    @Override
    public String describe() {
        return "lock_free " + manager;
    }

    @Override
    public Check check() {
        if (paths.isEmpty()) {
            return new Check(false, "no known locks for package manager " + manager);
        }
        List<String> held = new ArrayList<>();
        for (String p : paths) {
            Path path = Path.of(p);
            if (manager.equals("pacman")) {
                if (Files.exists(path)) {
                    held.add(p + " exists (pacman is running, or a crashed one left it behind)");
                }
                continue;
            }
            try {
                FileLocks.Holding h = FileLocks.holder(path);
                if (h.held()) {
                    held.add(p + " is locked" + (h.pid() > 0 ? " by pid " + h.pid() + (h.command() == null ? "" : " (" + h.command() + ")")
                            : " (by an open file description lock)"));
                }
            } catch (IOException e) {
                held.add(e.getMessage());
            }
        }
        return held.isEmpty() ? new Check(true, manager + "'s locks are free")
                : new Check(false, String.join("; ", held));
    }
}
