package dev.llmos.actions.screen;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code list_outputs} action.
 *
 * @param display the display whose outputs it lists, null when there is none
 */
public record ListOutputs(String id, int index, String type, String reason, String danger, String display)
        implements ActionFact {
}
