package dev.llmos.actions.exec.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/**
 * users' homes from the passwd file, for the shell's ~NAME: what the shell that runs the script
 * will expand it to (the sandbox sees the host's /etc/passwd). read again when the file changes.
 */
final class Homes {

    private static final Path PASSWD = Path.of("/etc/passwd");
    private static Map<String, String> homes = Map.of();
    private static FileTime read;

    private Homes() {
    }

    /** NAME's home, or null when the passwd file does not name NAME. */
    static synchronized String of(String name) {
        try {
            FileTime now = Files.getLastModifiedTime(PASSWD);
            if (!now.equals(read)) {
                Map<String, String> fresh = new HashMap<>();
                for (String line : Files.readAllLines(PASSWD)) {
                    String[] f = line.split(":", -1);
                    if (f.length >= 6 && !f[0].isEmpty()) {
                        fresh.putIfAbsent(f[0], f[5]);
                    }
                }
                homes = fresh;
                read = now;
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return homes.get(name);
    }
}
