package dev.llmos.cli;

import dev.llmos.cli.app.ExitCodes;

/**
 * {@code llm-osd}: the daemon's entry point. the daemon itself (unix socket, peer credentials,
 * approvals, journal) is issue 3; until then this says so rather than pretending.
 */
public final class Llmosd {

    private Llmosd() {
    }

    public static void main(String[] args) {
        System.err.println("llm-osd: not implemented yet: see issue 3 (the daemon).");
        System.err.println("llm-osd: meanwhile, bin/llmsh run PLAN.json runs plans embedded, with your own privileges.");
        System.exit(ExitCodes.BAD_INPUT);
    }
}
