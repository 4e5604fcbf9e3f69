package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * EFI variables. this vm boots without UEFI, so there is no efivarfs here: the reading is tested on
 * a directory laid out as efivarfs is (Name-guid files, four attribute bytes, then the value), and
 * this host's own answer is tested where it has none.
 */
class EfiVarsTest {

    private static final String VENDOR = "12345678-9abc-def0-1234-56789abcdef0";

    @TempDir
    Path tmp;
    Path efivars;

    @BeforeEach
    void layOutVariables() throws Exception {
        efivars = Files.createDirectory(tmp.resolve("efivars"));
        // non volatile, boot service and runtime access (7); BootOrder 0001, 0000
        Files.write(efivars.resolve("BootOrder-" + EfiVars.GLOBAL), new byte[]{7, 0, 0, 0, 1, 0, 0, 0});
        Files.write(efivars.resolve("SecureBoot-" + EfiVars.GLOBAL), new byte[]{6, 0, 0, 0, 1});
        Files.write(efivars.resolve("VendorSetting-" + VENDOR), new byte[]{0x17, 0, 0, 0, (byte) 0xff, 0x10});
    }

    private ActionOutcome read(String name, String guid, String encoding) {
        return new ReadEfiVarHandler(efivars).execute(new ReadEfiVarParams(name, guid, encoding), TestContexts.exec(tmp));
    }

    @Test
    void listsEveryVariableWithItsGuidAndValueSize() throws Exception {
        JsonNode expected = Json.mapper().readTree("""
                {"available": true, "variables": [
                  {"name": "BootOrder", "guid": "%1$s", "size": 4},
                  {"name": "SecureBoot", "guid": "%1$s", "size": 1},
                  {"name": "VendorSetting", "guid": "%2$s", "size": 2}]}""".formatted(EfiVars.GLOBAL, VENDOR));
        assertEquals(expected, new ListEfiVarsHandler(efivars).execute(new ListEfiVarsParams(null), TestContexts.exec(tmp)).data());
    }

    @Test
    void readsAGlobalVariableAsHexWithItsAttributesNamed() throws Exception {
        JsonNode expected = Json.mapper().readTree("""
                {"available": true, "name": "BootOrder", "guid": "%s", "attributes_raw": 7,
                 "attributes": ["non_volatile", "bootservice_access", "runtime_access"],
                 "size": 4, "truncated": false, "encoding": "hex", "value": "01000000"}""".formatted(EfiVars.GLOBAL));
        assertEquals(expected, Json.mapper().readTree(Json.write(read("BootOrder", null, null).data())));
    }

    @Test
    void readsAVendorVariableAsBase64() {
        JsonNode data = read("VendorSetting", VENDOR.toUpperCase(), "base64").data();
        assertEquals(List.of("/xA=", "[\"non_volatile\",\"bootservice_access\",\"runtime_access\",\"authenticated_write_access\"]"),
                List.of(data.path("value").asText(), data.path("attributes").toString()));
    }

    @Test
    void aMissingVariableFails() {
        assertEquals(ActionOutcome.failure("no EFI variable Timeout with guid " + EfiVars.GLOBAL), read("Timeout", null, null));
    }

    @Test
    void aHostBootedWithoutUefiSaysSoInsteadOfFailing() {
        Assumptions.assumeTrue(Files.notExists(Path.of("/sys/firmware/efi/efivars")),
                "this host has EFI variables; the not-available answer is for hosts without them");
        JsonNode expected = Json.mapper().createObjectNode().put("available", false).put("reason",
                "this host has no EFI variables: /sys/firmware/efi/efivars is missing (booted without UEFI, or efivarfs is not mounted)");
        ActionOutcome list = new ListEfiVarsHandler().execute(new ListEfiVarsParams(null), TestContexts.exec(tmp));
        ActionOutcome one = new ReadEfiVarHandler().execute(new ReadEfiVarParams("BootOrder", null, null), TestContexts.exec(tmp));
        assertEquals(List.of(true, expected, true, expected), List.of(list.ok(), list.data(), one.ok(), one.data()));
    }

    @Test
    void namesThatLookLikeSecretsAreMarkedForPolicy() {
        assertEquals(List.of(true, true, false, false), List.of(EfiVars.secretLooking("AdminPassword"),
                EfiVars.secretLooking("DiskUnlockToken"), EfiVars.secretLooking("BootOrder"), EfiVars.secretLooking("PK")));
    }
}
