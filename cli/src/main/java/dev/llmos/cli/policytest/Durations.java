package dev.llmos.cli.policytest;

import java.time.Duration;
import java.util.Locale;

/** durations as opa test prints them: 412.3µs, 1.2ms, 1.03s. */
final class Durations {

    private Durations() {
    }

    static String format(Duration d) {
        long nanos = d.toNanos();
        if (nanos < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fµs", nanos / 1e3);
        }
        if (nanos < 1_000_000_000) {
            return String.format(Locale.ROOT, "%.1fms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.2fs", nanos / 1e9);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.6f", d.toNanos() / 1e9);
    }
}
