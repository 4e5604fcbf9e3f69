package dev.llmos.llm.server;

/**
 * short lines about slow work ("starting model server ...", "ready after 1.2 s") so the cli can show
 * a spinner or a status line rather than a prompt that looks frozen. called from the thread doing
 * the work; implementations return quickly.
 */
@FunctionalInterface
public interface Progress {

    Progress NONE = line -> { };

    void report(String line);
}
