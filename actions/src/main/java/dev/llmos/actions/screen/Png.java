package dev.llmos.actions.screen;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** the width and height a png's header (IHDR, its first chunk) declares. */
final class Png {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    record Size(int width, int height) {
    }

    private Png() {
    }

    static Size size(Path png) throws IOException {
        try (InputStream in = Files.newInputStream(png); DataInputStream data = new DataInputStream(in)) {
            byte[] head = new byte[16];
            data.readFully(head);
            if (!Arrays.equals(Arrays.copyOf(head, 8), SIGNATURE) || head[12] != 'I' || head[13] != 'H'
                    || head[14] != 'D' || head[15] != 'R') {
                throw new IOException(png + " is not a png");
            }
            return new Size(data.readInt(), data.readInt());
        }
    }
}
