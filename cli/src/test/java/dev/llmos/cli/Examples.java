package dev.llmos.cli;

/** the shipped example plans the launcher tests run (they write nothing). */
final class Examples {

    /** read-only: every action is allowed by the shipped policy. */
    static final String ALLOWED = "inspect-system.json";
    /** its second action reads /etc/shadow, which the shipped policy denies. */
    static final String DENIED = "read-secrets.json";
    static final String DENIED_ACTION = "a2";

    private Examples() {
    }
}
