package dev.llmos.cli.app;

/**
 * a daemon was named (flag, environment, config, or a socket file at the default path) but does
 * not answer. never a reason to run embedded instead: that would quietly change whose privileges
 * and whose audit log a plan runs under. exit 1.
 */
public final class DaemonUnreachableException extends RuntimeException {

    public DaemonUnreachableException(String message) {
        super(message);
    }
}
