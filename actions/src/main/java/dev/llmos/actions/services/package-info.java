/**
 * service_control: start, stop, restart, enable, disable and status of systemd units through
 * systemctl, with the unit's state recorded before so undo puts it back, and the
 * {@link dev.llmos.actions.services.UnitExists} precondition.
 */
package dev.llmos.actions.services;
