package dev.llmos.actions.network;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code network_show} action.
 *
 * @param show addresses, routes or all
 */
public record NetworkShow(String id, int index, String type, String reason, String danger, String show) implements ActionFact {
}
