/**
 * {@code llmsh mcp}: llm-os as an mcp server. one tool per action type plus plan and explain, each
 * call through the same pipeline as {@code llmsh run}. only this package touches the mcp sdk, and
 * only when the command runs, so other commands load none of it.
 */
package dev.llmos.cli.mcp;
