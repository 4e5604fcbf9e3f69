package dev.llmos.actions.firmware;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * a small SMBIOS 3.0 table in dmidecode's dump format (entry point at 0, table at 32), so the real
 * dmidecode can read a known machine on a host that has no tables of its own.
 */
final class SmbiosDump {

    private SmbiosDump() {
    }

    static byte[] bytes() {
        ByteArrayOutputStream table = new ByteArrayOutputStream();
        // type 0, bios: vendor 1, version 2, start segment e800, release date 3, rom size 64 kB,
        // characteristics bit 3 (not supported), no extension bytes, bios revision 1.2
        table.writeBytes(header(0, 0x18, 0));
        table.writeBytes(new byte[]{1, 2, 0x00, (byte) 0xe8, 3, 0, 0x08, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, (byte) 0xff, (byte) 0xff});
        table.writeBytes(strings("llm-os test firmware", "1.2.3", "11/27/2026"));
        // type 1, system: manufacturer, product, version, serial, uuid, wake-up power switch, sku, family
        table.writeBytes(header(1, 27, 1));
        table.writeBytes(new byte[]{1, 2, 3, 4});
        for (int i = 0; i < 16; i++) {
            table.write(i);
        }
        table.writeBytes(new byte[]{6, 5, 6});
        table.writeBytes(strings("LLM OS Labs", "Test Machine", "v1", "SN-0001", "SKU-9", "Virtual"));
        // type 127, end of table
        table.writeBytes(header(127, 4, 2));
        table.writeBytes(new byte[]{0, 0});

        byte[] t = table.toByteArray();
        ByteBuffer entry = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        entry.put("_SM3_".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) 0x18).put((byte) 3).put((byte) 0)
                .put((byte) 0).put((byte) 1).put((byte) 0).putInt(t.length).putLong(32);
        byte[] e = entry.array();
        int sum = 0;
        for (int i = 0; i < 0x18; i++) {
            sum += e[i];
        }
        e[5] = (byte) -sum;
        ByteArrayOutputStream dump = new ByteArrayOutputStream();
        dump.writeBytes(e);
        dump.writeBytes(t);
        return dump.toByteArray();
    }

    /** a structure header: type, length, then the handle little endian. */
    private static byte[] header(int type, int length, int handle) {
        return new byte[]{(byte) type, (byte) length, (byte) handle, (byte) (handle >> 8)};
    }

    private static byte[] strings(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            out.writeBytes(v.getBytes(StandardCharsets.US_ASCII));
            out.write(0);
        }
        out.write(0);
        return out.toByteArray();
    }
}
