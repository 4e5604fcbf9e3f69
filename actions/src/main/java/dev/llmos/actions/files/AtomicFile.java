package dev.llmos.actions.files;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * replaces a file so that readers see the old content or the new, never a mix: a private temp
 * file in the same directory, written and fsync'd, given its owner and mode, renamed over the
 * target, then the directory fsync'd so the rename survives a crash.
 */
final class AtomicFile {

    private static final Logger LOG = LoggerFactory.getLogger(AtomicFile.class);

    /** writes the new content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** what was written: its size and sha-256. */
    record Written(long bytes, String sha256) {
    }

    /** who should own the result; null keeps the creator as owner. */
    record Owner(int uid, int gid) {
    }

    private AtomicFile() {
    }

    static Written replace(Path target, int mode, Owner owner, Content content) throws IOException {
        Path dir = target.getParent();
        String name = target.getFileName().toString();
        // a short prefix keeps the temp name under NAME_MAX whatever the target's length
        String prefix = "." + name.substring(0, Math.min(name.length(), 32)) + ".";
        Path tmp = Files.createTempFile(dir, prefix, ".llmos-tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Written written;
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                CountingDigest out = new CountingDigest(new BufferedOutputStream(Channels.newOutputStream(ch)));
                content.writeTo(out);
                out.flush();
                ch.force(true);
                written = new Written(out.count, HexFormat.of().formatHex(out.getMessageDigest().digest()));
            }
            if (owner != null) {
                // chown before chmod: chown clears setuid and setgid bits
                Files.setAttribute(tmp, "unix:uid", owner.uid());
                Files.setAttribute(tmp, "unix:gid", owner.gid());
            }
            Files.setAttribute(tmp, "unix:mode", mode & 07777);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            syncDirectory(dir);
            return written;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** copies {@code source} into a new private file and fsyncs it; returns its sha-256. */
    static Written copyPrivately(Path source, Path copy) throws IOException {
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (InputStream in = Files.newInputStream(source);
             FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            CountingDigest out = new CountingDigest(new BufferedOutputStream(Channels.newOutputStream(ch)));
            in.transferTo(out);
            out.flush();
            ch.force(true);
            syncDirectory(copy.getParent());
            return new Written(out.count, HexFormat.of().formatHex(out.getMessageDigest().digest()));
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CountingDigest out = new CountingDigest(OutputStream.nullOutputStream());
            in.transferTo(out);
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        }
    }

    static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // some filesystems refuse fsync on a directory; the rename itself already happened
            LOG.warn("cannot fsync directory {}: {}", dir, e.toString());
        }
    }

    /** a digesting stream that also counts bytes. */
    private static final class CountingDigest extends DigestOutputStream {
        long count;

        CountingDigest(OutputStream out) {
            super(out, newSha256());
        }

        @Override
        public void write(int b) throws IOException {
            super.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            super.write(b, off, len);
            count += len;
        }
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the jdk has no sha-256", e);
        }
    }
}
