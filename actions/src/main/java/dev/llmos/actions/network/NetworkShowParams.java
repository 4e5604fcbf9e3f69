package dev.llmos.actions.network;

/**
 * a {@code network_show} action's own fields.
 *
 * @param show addresses, routes or all (the default)
 */
public record NetworkShowParams(String show) {

    String what() {
        return show == null ? "all" : show;
    }
}
