package dev.llmos.engine.spi;

/**
 * what a dry run shows for one action.
 *
 * @param summary one line ("would run ls -l /var/log", "would create /etc/x (12 bytes, 0644)")
 * @param diff a unified diff for file changes, or null
 */
public record Preview(String summary, String diff) {

    public static Preview of(String summary) {
        return new Preview(summary, null);
    }
}
