package dev.llmos.actions.services;

/**
 * a {@code service_control} action's own fields.
 *
 * @param action start, stop, restart, enable, disable or status
 * @param unit a unit name; ".service" is assumed when it has no unit suffix, as systemctl does
 */
public record ServiceControlParams(String action, String unit) {
}
