package dev.llmos.actions.services;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of a {@code service_control} action. rules are written against these names: keep them.
 *
 * @param action start, stop, restart, enable, disable or status
 * @param unit the full unit name ("ssh.service": ".service" added when the plan gave none)
 * @param unitType the suffix: service, socket, timer, target, ...
 * @param exists whether a unit file (or its template) is on systemd's search path now
 */
public record ServiceControl(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String action,
        String unit,
        String unitType,
        boolean exists) implements ActionFact {
}
