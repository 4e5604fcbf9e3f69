package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the real dmidecode, reading a table the test builds (this vm exposes none) and this host itself. */
class ReadDmiHandlerTest {

    @TempDir
    Path tmp;

    private ActionOutcome readDump(List<String> types) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dmidecode")), "dmidecode is not installed");
        Path dump = Files.write(tmp.resolve("dmi.bin"), SmbiosDump.bytes());
        return new ReadDmiHandler(List.of("--from-dump", dump.toString()), tmp.resolve("no-tables"))
                .execute(new ReadDmiParams(types), TestContexts.exec(tmp));
    }

    @Test
    void readsTheSystemStructureIntoProperties() throws Exception {
        JsonNode expected = Json.mapper().readTree("""
                {"available": true, "smbios": "3.0.0", "structures": [
                  {"handle": "0x0001", "type": 1, "bytes": 27, "name": "System Information", "properties": {
                    "Manufacturer": "LLM OS Labs", "Product Name": "Test Machine", "Version": "v1",
                    "Serial Number": "SN-0001", "UUID": "03020100-0504-0706-0809-0a0b0c0d0e0f",
                    "Wake-up Type": "Power Switch", "SKU Number": "SKU-9", "Family": "Virtual"}}],
                 "truncated": false}""");
        assertEquals(expected, readDump(List.of("system")).data());
    }

    @Test
    void aPropertyWithIndentedLinesUnderItBecomesAList() throws Exception {
        JsonNode bios = readDump(List.of("BIOS")).data().path("structures").path(0).path("properties");
        assertEquals(List.of("llm-os test firmware", Json.mapper().readTree("[\"BIOS characteristics not supported\"]")),
                List.of(bios.path("Vendor").asText(), bios.path("Characteristics")));
    }

    @Test
    void everyTypeWhenNoneIsNamed() throws Exception {
        List<Integer> types = new java.util.ArrayList<>();
        readDump(null).data().path("structures").forEach(s -> types.add(s.path("type").asInt()));
        assertEquals(List.of(0, 1, 127), types);
    }

    @Test
    void aHostWithoutTablesSaysSoInsteadOfFailing() {
        Assumptions.assumeTrue(Files.notExists(Path.of("/sys/firmware/dmi/tables/DMI")) && Files.notExists(Path.of("/dev/mem")),
                "this host has SMBIOS tables; the not-available answer is for hosts without them");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/dmidecode")), "dmidecode is not installed");
        JsonNode expected = Json.mapper().createObjectNode().put("available", false).put("reason",
                "this host exposes no SMBIOS/DMI tables: /sys/firmware/dmi/tables/DMI is missing and dmidecode found no entry point");
        ActionOutcome o = new ReadDmiHandler().execute(new ReadDmiParams(null), TestContexts.exec(tmp));
        assertEquals(List.of(true, expected), List.of(o.ok(), o.data()));
    }
}
