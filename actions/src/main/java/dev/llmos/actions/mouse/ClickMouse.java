package dev.llmos.actions.mouse;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code click_mouse} action.
 *
 * @param display the display it will click on, null when there is none
 * @param button left, middle or right
 * @param positioned whether it moves to x, y first (else it clicks wherever the pointer is)
 */
public record ClickMouse(String id, int index, String type, String reason, String danger, String display,
                         String button, int count, boolean positioned) implements ActionFact {
}
