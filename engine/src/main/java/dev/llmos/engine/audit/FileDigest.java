package dev.llmos.engine.audit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** the sha-256 of a regular file as it is now, for the before and after of a change. */
public final class FileDigest {

    /** files larger than this are recorded by size only: a step must not wait on hashing a disk image. */
    public static final long MAX_BYTES = 64L << 20;

    private FileDigest() {
    }

    /** "absent", "not a regular file", "too large (N bytes)", "unreadable: ..." or the hex digest. */
    public static String of(Path path) {
        try {
            if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
                return "absent";
            }
            if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
                return "not a regular file";
            }
            long size = Files.size(path);
            if (size > MAX_BYTES) {
                return "too large (" + size + " bytes)";
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                byte[] buf = new byte[64 * 1024];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    md.update(buf, 0, n);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (IOException | RuntimeException e) {
            return "unreadable: " + e.getMessage();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the jdk has no sha-256", e);
        }
    }
}
