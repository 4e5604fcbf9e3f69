package dev.llmos.actions.network;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code link_set} action, with the link as it is when the plan is decided.
 *
 * @param state up or down, as asked
 * @param exists the link is there
 * @param up it is administratively up now
 * @param loopback it is a loopback link
 * @param defaultRoute a default route goes through it: taking it down cuts the machine off
 * @param addresses how many addresses it has
 */
public record LinkSet(String id, int index, String type, String reason, String danger, String link, String state,
                      boolean exists, boolean up, boolean loopback, boolean defaultRoute, int addresses) implements ActionFact {
}
