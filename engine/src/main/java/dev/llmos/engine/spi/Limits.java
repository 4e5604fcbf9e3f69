package dev.llmos.engine.spi;

/**
 * caps that apply to every action, whatever the plan asks.
 *
 * @param maxOutputBytes bytes of stdout and of stderr kept per process
 * @param defaultTimeoutSec timeout when the plan gives none
 * @param maxTimeoutSec the longest timeout a plan may ask for
 * @param defaultReadBytes bytes {@code read_file} returns when the plan gives no max_bytes
 */
public record Limits(int maxOutputBytes, int defaultTimeoutSec, int maxTimeoutSec, int defaultReadBytes) {

    public static final Limits DEFAULT = new Limits(64 * 1024, 60, 3600, 64 * 1024);
}
