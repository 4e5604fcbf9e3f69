package dev.llmos.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * sha-256 as lowercase hex, the same as the engine's Json.sha256, without initialising jackson:
 * a policy loaded from the disk cache should not pay for a json mapper it never uses.
 */
final class Sha256 {

    private Sha256() {
    }

    static String hex(String text) {
        return hex(text.getBytes(StandardCharsets.UTF_8));
    }

    static String hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the jdk has no sha-256", e);
        }
    }
}
