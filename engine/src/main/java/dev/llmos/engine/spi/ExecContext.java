package dev.llmos.engine.spi;

import dev.llmos.engine.host.Requester;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * what a handler gets while it runs one action.
 *
 * @param stateDir the pipeline's state directory (backups live under it)
 * @param planDigest digest of the plan being run
 * @param actionId the action being run
 * @param requester on whose behalf it runs
 * @param confine resource limits policy set for the process this action starts (cgroup)
 * @param scope what the decision lets the action touch; the handler makes the kernel hold it to that
 */
public record ExecContext(Path stateDir, String planDigest, String actionId, Requester requester, Limits limits,
                          ResourceLimits confine, Scope scope) {

    public ExecContext {
        confine = confine == null ? ResourceLimits.NONE : confine;
        scope = scope == null ? Scope.NONE : scope;
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
