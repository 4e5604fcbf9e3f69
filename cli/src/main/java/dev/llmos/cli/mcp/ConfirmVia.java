package dev.llmos.cli.mcp;

/** how {@code llmsh mcp} asks a person about a CONFIRM action; the agent's own word never counts. */
public enum ConfirmVia {
    /** elicitation where the client declared it, else the terminal of llmsh mcp, else refuse. */
    AUTO,
    /** only through mcp elicitation. */
    ELICIT,
    /** only on the controlling terminal (/dev/tty) of llmsh mcp. */
    TTY,
    /** never ask: every CONFIRM action is refused, with how to approve it instead. */
    NEVER
}
