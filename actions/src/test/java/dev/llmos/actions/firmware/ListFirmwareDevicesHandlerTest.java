package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.actions.exec.Tool;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * fwupd needs its daemon on the system bus, which this vm (no systemd, no dbus) cannot run: the
 * answer without it is tested for real, fwupd's json shape on a recorded reply.
 */
class ListFirmwareDevicesHandlerTest {

    @TempDir
    Path tmp;

    @Test
    void aHostWithoutFwupdSaysSoInsteadOfFailing() {
        Assumptions.assumeTrue(Tool.find("fwupdmgr").isEmpty(), "fwupd is installed here");
        JsonNode expected = Json.mapper().createObjectNode().put("available", false)
                .put("reason", "fwupdmgr is not installed on this host (fwupd)");
        ActionOutcome o = new ListFirmwareDevicesHandler().execute(new ListFirmwareDevicesParams(), TestContexts.exec(tmp));
        assertEquals(List.of(true, expected), List.of(o.ok(), o.data()));
    }

    @Test
    void devicesAreFwupdsOwnObjects() throws Exception {
        String reply = """
                {"Devices": [{"Name": "System Firmware", "DeviceId": "a45df35ac0e948ee180fe216a5f703f32dda163f",
                              "Guid": ["230c8b18-8d9b-53ec-838b-6cfc0383493a"], "Version": "0.1.25", "Plugin": "uefi_capsule",
                              "Flags": ["internal", "updatable", "require-ac"]}]}""";
        assertEquals(Json.mapper().readTree(reply).path("Devices"), ListFirmwareDevicesHandler.devices(reply));
    }

    @Test
    void aReplyWithoutDevicesIsAnEmptyList() throws Exception {
        assertEquals(Json.mapper().createArrayNode(), ListFirmwareDevicesHandler.devices("{}"));
    }
}
