package dev.llmos.actions.firmware;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of a {@code read_dmi} action.
 *
 * @param types the requested types, lowercased; empty when all are read
 */
public record ReadDmi(String id, int index, String type, String reason, String danger, List<String> types)
        implements ActionFact {
}
