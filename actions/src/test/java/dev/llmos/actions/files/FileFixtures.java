package dev.llmos.actions.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Random;

/** small helpers for file tests: files with a given mode, modes as text, fifos. */
final class FileFixtures {

    private FileFixtures() {
    }

    static Path file(Path path, byte[] content, String perms) throws IOException {
        Files.write(path, content);
        Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(perms));
        return path;
    }

    static String mode(Path path) throws IOException {
        return FileKind.octal((Integer) Files.getAttribute(path, "unix:mode"));
    }

    /** bytes that are certainly not utf-8, the same on every run. */
    static byte[] binary(int size) {
        byte[] bytes = new byte[size];
        new Random(42).nextBytes(bytes);
        bytes[0] = (byte) 0xff;
        return bytes;
    }

    static Path fifo(Path path) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        if (p.waitFor() != 0) {
            throw new IOException("mkfifo failed");
        }
        return path;
    }
}
