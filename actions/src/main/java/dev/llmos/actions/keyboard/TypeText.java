package dev.llmos.actions.keyboard;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code type_text} action.
 *
 * @param display the display it will type on, null when there is none
 * @param length characters to type
 * @param pressesReturn whether the text holds a newline, which submits what was typed so far
 */
public record TypeText(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String display,
        int length,
        boolean pressesReturn) implements ActionFact {
}
