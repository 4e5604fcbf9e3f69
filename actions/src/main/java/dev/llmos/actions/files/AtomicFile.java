package dev.llmos.actions.files;

import dev.llmos.actions.posix.Fs;
import dev.llmos.engine.host.FileId;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * replaces a file so that readers see the old content or the new, never a mix: a private temp
 * file in the same directory (by descriptor), written and fsync'd, given its owner and mode,
 * renamed over the target within that directory, then the directory fsync'd so the rename
 * survives a crash. right before the rename the name must still hold what was checked; a rename
 * replaces the entry itself, so even a symlink swapped in at the last instant is replaced, never
 * followed.
 */
final class AtomicFile {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** writes the new content. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** what was written: its size, sha-256 and inode. */
    record Written(long bytes, String sha256, FileId id) {
    }

    /** who should own the result; null keeps the creator as owner. */
    record Owner(int uid, int gid) {
    }

    private AtomicFile() {
    }

    /**
     * @param create whether {@code name} must not exist (it is created, never replaced)
     * @param expected the inode {@code name} must still be when replaced, or null to only require a regular file
     */
    static Written replace(BoundDir dir, String name, boolean create, FileId expected, int mode, Owner owner, Content content)
            throws IOException {
        // a short prefix keeps the temp name under NAME_MAX whatever the target's length
        String tmp = "." + name.substring(0, Math.min(name.length(), 32)) + "." + Long.toUnsignedString(RANDOM.nextLong(), 36)
                + ".llmos-tmp";
        int fd = Fs.openAt(dir.fd(), tmp, Fs.O_WRONLY | Fs.O_CREAT | Fs.O_EXCL, 0600);
        boolean renamed = false;
        try {
            CountingDigest out = new CountingDigest(new BufferedOutputStream(new FdOutput(fd), 65536));
            content.writeTo(out);
            out.flush();
            Fs.fsync(fd);
            if (owner != null) {
                // chown before chmod: chown clears setuid and setgid bits
                Fs.fchown(fd, owner.uid(), owner.gid());
            }
            Fs.fchmod(fd, mode & 07777);
            Fs.Stat written = Fs.stat(fd);
            Fs.Stat there = Fs.statAt(dir.fd(), name);
            if (create ? there != null : there == null || !there.regular()
                    || expected != null && !expected.equals(there.id())) {
                throw new FileTarget.Refused("refusing to replace " + dir.dir().resolve(name) + ": it changed while being written"
                        + (there != null && there.symlink() ? " (now a symlink to " + Fs.readlinkAt(dir.fd(), name) + ")" : "")
                        + "; nothing changed");
            }
            Fs.renameAt(dir.fd(), tmp, dir.fd(), name, create);
            renamed = true;
            dir.sync();
            return new Written(out.count, HexFormat.of().formatHex(out.getMessageDigest().digest()),
                    written.id());
        } finally {
            Fs.close(fd);
            if (!renamed) {
                try {
                    Fs.unlinkAt(dir.fd(), tmp);
                } catch (Fs.Errno ignored) {
                    // the temp file is ours and private; if it cannot go, it stays harmless
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            CountingDigest out = new CountingDigest(OutputStream.nullOutputStream());
            in.transferTo(out);
            return HexFormat.of().formatHex(out.getMessageDigest().digest());
        }
    }

    /** writes to a raw descriptor. */
    private static final class FdOutput extends OutputStream {
        private final int fd;

        FdOutput(int fd) {
            this.fd = fd;
        }

        @Override
        public void write(int b) throws IOException {
            Fs.writeFully(fd, new byte[] {(byte) b}, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            Fs.writeFully(fd, off == 0 ? b : java.util.Arrays.copyOfRange(b, off, off + len), len);
        }
    }

    /** a digesting stream that also counts bytes. */
    static final class CountingDigest extends DigestOutputStream {
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
