package dev.llmos.actions.firmware;

import dev.llmos.engine.spi.ActionFact;

/** what policy rules see of a {@code list_firmware_devices} action. */
public record ListFirmwareDevices(String id, int index, String type, String reason, String danger)
        implements ActionFact {
}
