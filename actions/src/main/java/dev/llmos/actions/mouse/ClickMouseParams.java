package dev.llmos.actions.mouse;

/**
 * a {@code click_mouse} action's own fields.
 *
 * @param button left, middle or right; null for left
 * @param count 1 for a click, 2 for a double click; null for 1
 * @param x where to move first, with y; null to click where the pointer is
 * @param display the local x display (":0"), or null for llm-os's DISPLAY
 */
public record ClickMouseParams(String button, Integer count, Integer x, Integer y, String display) {
}
