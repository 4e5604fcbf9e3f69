package dev.llmos.cli.app;

/**
 * llm-osd answered and refused: the caller may not connect or do this (not in its groups, not an
 * admin), or it is full. nothing ran; exit 1, as for anything else denied. a request the daemon
 * finds malformed or naming what does not exist is bad input instead ({@link DaemonErrors}).
 */
public final class DaemonRefusedException extends RuntimeException {

    public DaemonRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
