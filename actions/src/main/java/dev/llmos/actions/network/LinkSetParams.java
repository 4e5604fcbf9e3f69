package dev.llmos.actions.network;

/**
 * a {@code link_set} action's own fields.
 *
 * @param link the interface name (eth0, wlan0, ...)
 * @param state up or down
 */
public record LinkSetParams(String link, String state) {
}
