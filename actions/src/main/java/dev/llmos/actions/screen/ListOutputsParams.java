package dev.llmos.actions.screen;

/**
 * a {@code list_outputs} action's own fields.
 *
 * @param display the local x display (":0"), or null for llm-os's DISPLAY
 */
public record ListOutputsParams(String display) {
}
