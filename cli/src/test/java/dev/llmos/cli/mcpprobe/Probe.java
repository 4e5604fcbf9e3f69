package dev.llmos.cli.mcpprobe;

import dev.llmos.engine.spi.ActionFact;

/** what rules see of an {@code mcp_probe} action. */
public record Probe(String id, int index, String type, String note) implements ActionFact {
}
