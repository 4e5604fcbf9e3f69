package dev.llmos.actions.mouse;

/**
 * a {@code move_mouse} action's own fields.
 *
 * @param x pixels from the screen's left edge
 * @param y pixels from the screen's top edge
 * @param display the local x display (":0"), or null for llm-os's DISPLAY
 */
public record MoveMouseParams(int x, int y, String display) {
}
