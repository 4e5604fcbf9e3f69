package dev.llmos.actions.files;

import dev.llmos.actions.posix.Fs;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;

/** copies from an open descriptor, from its start, whatever thread or identity opened it. */
final class Copy {

    private static final int CHUNK = 64 * 1024;

    /** what was copied: its size and sha-256. */
    record Copied(long bytes, String sha256) {
    }

    private Copy() {
    }

    /** streams the file behind {@code fd} into {@code out}; returns its size and sha-256. */
    static Copied fromFd(int fd, OutputStream out) throws IOException {
        AtomicFile.CountingDigest digest = new AtomicFile.CountingDigest(out);
        byte[] buf = new byte[CHUNK];
        long offset = 0;
        for (int n; (n = Fs.pread(fd, buf, buf.length, offset)) > 0; offset += n) {
            digest.write(buf, 0, n);
        }
        digest.flush();
        return new Copied(digest.count, HexFormat.of().formatHex(digest.getMessageDigest().digest()));
    }

    /** the first {@code max} bytes behind {@code fd}, and one more when there are more. */
    static byte[] head(int fd, int max) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[CHUNK];
        long offset = 0;
        for (int n; offset <= max && (n = Fs.pread(fd, buf, (int) Math.min(buf.length, max + 1L - offset), offset)) > 0; offset += n) {
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    /** copies into a new private file and fsyncs it (the daemon's backups). */
    static Copied toNewFile(int fd, Path copy) throws IOException {
        Files.createFile(copy, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
            BufferedOutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch));
            Copied copied = fromFd(fd, out);
            ch.force(true);
            try (FileChannel dir = FileChannel.open(copy.getParent(), StandardOpenOption.READ)) {
                dir.force(true);
            } catch (IOException e) {
                // some filesystems refuse fsync on a directory
            }
            return copied;
        }
    }
}
