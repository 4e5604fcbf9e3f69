package dev.llmos.actions.firmware;

/** a {@code list_firmware_devices} action has no fields of its own. */
public record ListFirmwareDevicesParams() {
}
