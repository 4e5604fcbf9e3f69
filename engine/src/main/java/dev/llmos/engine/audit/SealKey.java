package dev.llmos.engine.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * the forward-secure sealing key, as journald's sealing does it: time is cut into epochs; the key
 * of epoch e+1 is HMAC(key of e, "next") and replaces it on disk, so whoever steals today's key
 * cannot seal a record of an earlier epoch. the first key (the verification key) is written once,
 * to a separate file the admin is told to move off the machine; with it every epoch's key can be
 * derived again to check the seals.
 *
 * @param id names the key chain (a digest of its first key), so verify knows which verification key fits
 * @param epoch the epoch this key seals
 * @param start when epoch 0 began
 * @param interval how long an epoch lasts
 */
public record SealKey(String id, long epoch, Instant start, Duration interval, byte[] key) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(15);

    /** the epoch a time falls in (never before 0). */
    public long epochAt(Instant t) {
        long ms = Duration.between(start, t).toMillis();
        return ms <= 0 ? 0 : ms / interval.toMillis();
    }

    /** this key moved forward to epoch {@code to} (the same key when it is not later). */
    public SealKey forwardTo(long to) {
        if (to <= epoch) {
            return this;
        }
        try {
            // one mac re-keyed per step: a year of 15-minute epochs is 35,000 steps
            Mac mac = Mac.getInstance("HmacSHA256");
            byte[] next = "next".getBytes(StandardCharsets.US_ASCII);
            byte[] k = key;
            for (long e = epoch; e < to; e++) {
                mac.init(new SecretKeySpec(k, "HmacSHA256"));
                k = mac.doFinal(next);
            }
            return new SealKey(id, to, start, interval, k);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the jdk has no HmacSHA256", e);
        }
    }

    /** the seal of a record: HMAC-SHA256 of its hash with this epoch's key. */
    public String seal(String hash) {
        return HexFormat.of().formatHex(hmac(key, hash.getBytes(StandardCharsets.US_ASCII)));
    }

    static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the jdk has no HmacSHA256", e);
        }
    }

    /** a fresh epoch-0 key starting now. */
    public static SealKey fresh(Instant now, Duration interval) {
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        return new SealKey(Json.sha256(k).substring(0, 16), 0, now, interval, k);
    }

    public ObjectNode json() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("v", 1);
        n.put("id", id);
        n.put("epoch", epoch);
        n.put("start", start.toString());
        n.put("interval_sec", interval.toSeconds());
        n.put("key", HexFormat.of().formatHex(key));
        return n;
    }

    /** reads a key file; a damaged one is an error naming the file, never a silent new key. */
    public static SealKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** a key from its json text; {@code where} names it in the error. */
    public static SealKey parse(String text, String where) throws IOException {
        JsonNode n;
        try {
            n = Json.mapper().readTree(text);
        } catch (IOException e) {
            throw new IOException(where + " is not a sealing key: " + e.getMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new IOException(where + " is not a sealing key: not a json object");
        }
        try {
            byte[] k = HexFormat.of().parseHex(n.path("key").asText(""));
            long interval = n.path("interval_sec").asLong(0);
            if (k.length != 32 || interval <= 0 || n.path("epoch").asLong(-1) < 0) {
                throw new IllegalArgumentException("needs a 32-byte key, an epoch and an interval");
            }
            String id = n.path("id").asText("");
            if (!id.matches("[0-9a-f]{16}")) {
                throw new IllegalArgumentException("needs a 16-hex-digit id");
            }
            return new SealKey(id, n.path("epoch").asLong(), Instant.parse(n.path("start").asText()),
                    Duration.ofSeconds(interval), k);
        } catch (RuntimeException e) {
            throw new IOException(where + " is not a sealing key: " + e.getMessage(), e);
        }
    }

    /**
     * writes the key atomically (temp file, fsync, rename, fsync of the directory), so the previous
     * epoch's key is gone from the file once this returns.
     */
    public void write(Path file, String perms) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap((Json.canonical(json()) + "\n").getBytes(StandardCharsets.UTF_8)));
            ch.force(true);
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(perms));
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
        Durable.syncDirectory(file.getParent());
    }
}
