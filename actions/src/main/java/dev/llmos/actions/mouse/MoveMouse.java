package dev.llmos.actions.mouse;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code move_mouse} action.
 *
 * @param display the display it will move the pointer on, null when there is none
 */
public record MoveMouse(String id, int index, String type, String reason, String danger, String display, int x, int y)
        implements ActionFact {
}
