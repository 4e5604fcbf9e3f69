package dev.llmos.engine.spi;

import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.Requester;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * what a handler gets while it runs one action.
 *
 * @param stateDir the pipeline's state directory (backups live under it)
 * @param planDigest digest of the plan being run
 * @param actionId the action being run
 * @param requester on whose behalf it runs
 * @param confine resource limits policy set for the process this action starts (cgroup)
 * @param scope what the decision lets the action touch; the handler makes the kernel hold it to that
 * @param decided the paths the decision resolved for this action (real path, inode); a handler acts
 *                on these objects and refuses when one changed since
 * @param protectedPaths what no action may ever write (policy, config, state, audit log, cache,
 *                       the daemon's socket), whatever the scope grants
 * @param catalog the policy's catalogues: the secret paths a confined program must not read unless
 *                the scope grants them
 */
public record ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits,
                          ResourceLimits confine, Scope scope, List<PathFacts> decided, List<Path> protectedPaths,
                          Catalog catalog) {

    public ExecContext {
        confine = confine == null ? ResourceLimits.NONE : confine;
        scope = scope == null ? Scope.NONE : scope;
        decided = decided == null ? List.of() : List.copyOf(decided);
        protectedPaths = protectedPaths == null ? List.of() : List.copyOf(protectedPaths);
        catalog = catalog == null ? Catalog.EMPTY : catalog;
    }

    /** a context without protected paths or catalogue. */
    public ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits,
                       ResourceLimits confine, Scope scope, List<PathFacts> decided) {
        this(stateDir, planDigest, actionId, requester, limits, confine, scope, decided, List.of(), Catalog.EMPTY);
    }

    /** a context that records no decided paths: handlers resolve them when they start. */
    public ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits,
                       ResourceLimits confine, Scope scope, List<Path> protectedPaths, Catalog catalog) {
        this(stateDir, planDigest, actionId, requester, limits, confine, scope, List.of(), protectedPaths, catalog);
    }

    /** a context that records no decided paths, protected paths or catalogue (tests and direct callers). */
    public ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits,
                       ResourceLimits confine, Scope scope) {
        this(stateDir, planDigest, actionId, requester, limits, confine, scope, List.of());
    }

    /** how the decision saw {@code path} (as written in the plan), if it resolved it. */
    public Optional<PathFacts> decided(String path) {
        return decided.stream().filter(p -> p.path().equals(path)).findFirst();
    }

    /** a context without a granted scope. */
    public ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits,
                       ResourceLimits confine) {
        this(stateDir, planDigest, actionId, requester, limits, confine, Scope.NONE);
    }

    /** a context without resource limits from policy. */
    public ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits) {
        this(stateDir, planDigest, actionId, requester, limits, null);
    }

    /** a private directory for this action's backups, created on first use. */
    public Path backupDir() {
        Path dir = stateDir.resolve("backups").resolve(planDigest.substring(0, 16)).resolve(actionId);
        try {
            Files.createDirectories(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create backup directory " + dir, e);
        }
    }
}
