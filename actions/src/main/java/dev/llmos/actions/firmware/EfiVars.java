package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * efivarfs: one file per variable, named {@code Name-guid}, holding four bytes of attributes
 * (little endian) and then the value.
 */
final class EfiVars {

    static final String GLOBAL = "8be4df61-93ca-11d2-aa0d-00e098032b8c";
    static final String SECURE_BOOT_DB = "d719b2cb-3d3a-4596-a3bc-dad00e67656f";
    static final Path DEFAULT_DIR = Path.of("/sys/firmware/efi/efivars");
    static final Pattern FILE = Pattern.compile("^(.+)-([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$");
    private static final List<String> ATTRIBUTES = List.of("non_volatile", "bootservice_access", "runtime_access",
            "hardware_error_record", "authenticated_write_access", "time_based_authenticated_write_access", "append_write");
    private static final Pattern SECRET = Pattern.compile("(?i).*(pass|pwd|secret|token|credential|private|seed).*");

    private EfiVars() {
    }

    static String unavailable(Path dir) {
        return "this host has no EFI variables: " + dir + " is missing (booted without UEFI, or efivarfs is not mounted)";
    }

    static boolean secretLooking(String name) {
        return SECRET.matcher(name).matches();
    }

    /** every variable, sorted by name then guid: name, guid, size of the value. */
    static ArrayNode list(Path dir, String guid) throws IOException {
        ArrayNode vars = Json.mapper().createArrayNode();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (m.matches() && (guid == null || guid.equals(m.group(2)))
                        && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                    vars.addObject().put("name", m.group(1)).put("guid", m.group(2))
                            .put("size", (int) Math.max(0, Files.size(f) - 4));
                }
            }
        }
        return vars;
    }

    /** the attributes named, then the value; at most {@code max} bytes of it. */
    static ObjectNode read(Path file, String encoding, int max) throws IOException {
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            bytes = in.readNBytes(4 + max + 1);
        }
        if (bytes.length < 4) {
            throw new IOException(file + " is shorter than its attributes");
        }
        long attributes = (bytes[0] & 0xffL) | (bytes[1] & 0xffL) << 8 | (bytes[2] & 0xffL) << 16 | (bytes[3] & 0xffL) << 24;
        int size = Math.min(bytes.length - 4, max);
        byte[] value = java.util.Arrays.copyOfRange(bytes, 4, 4 + size);
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("attributes_raw", attributes);
        ArrayNode names = data.putArray("attributes");
        for (int bit = 0; bit < ATTRIBUTES.size(); bit++) {
            if ((attributes & (1L << bit)) != 0) {
                names.add(ATTRIBUTES.get(bit));
            }
        }
        data.put("size", size);
        data.put("truncated", bytes.length - 4 > max);
        data.put("encoding", encoding);
        data.put("value", encoding.equals("base64") ? java.util.Base64.getEncoder().encodeToString(value) : hex(value));
        return data;
    }

    static String hex(byte[] value) {
        StringBuilder s = new StringBuilder(value.length * 2);
        for (byte b : value) {
            s.append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return s.toString();
    }
}
