package dev.llmos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** policies/firmware.drl: reading firmware runs without asking, except EFI variables named like secrets. */
class FirmwarePolicyTest {

    static List<ShippedPolicy.Case> cases() {
        return List.of(
                new ShippedPolicy.Case("all of DMI", """
                        {"type": "read_dmi"}""", "allow", "firmware.dmi"),
                new ShippedPolicy.Case("DMI memory and system", """
                        {"type": "read_dmi", "types": ["memory", "system"]}""", "allow", "firmware.dmi"),
                new ShippedPolicy.Case("listing EFI variables", """
                        {"type": "list_efi_vars"}""", "allow", "firmware.efi-list"),
                new ShippedPolicy.Case("BootOrder", """
                        {"type": "read_efi_var", "name": "BootOrder"}""", "allow", "firmware.efi-read"),
                new ShippedPolicy.Case("a vendor's admin password", """
                        {"type": "read_efi_var", "name": "AdminPassword", "guid": "12345678-9abc-def0-1234-56789abcdef0"}""",
                        "confirm", "firmware.efi-read-secret"),
                new ShippedPolicy.Case("fwupd's devices", """
                        {"type": "list_firmware_devices"}""", "allow", "firmware.devices"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsAnAdministratorExpects(ShippedPolicy.Case c) {
        assertEquals(c.expected(), ShippedPolicy.decide(c.action()));
    }
}
