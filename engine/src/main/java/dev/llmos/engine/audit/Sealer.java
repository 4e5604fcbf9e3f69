package dev.llmos.engine.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/** finds the sealing key of the current epoch: creates the first one, moves an old one forward. */
final class Sealer {

    /** @param created true when this call made the key chain (the log records that) */
    record Key(SealKey key, boolean created, Path verifyFile) {
        String id() {
            return key.id();
        }
    }

    /**
     * the key last read from each key file, with what the file was then (inode, size, mtime): a key
     * forwarded or replaced by anyone is a new file (written aside and renamed), so while those read
     * the same the key is, and an append need not read and parse it again.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Read> READ =
            new java.util.concurrent.ConcurrentHashMap<>();

    private record Read(Object fileKey, long size, FileTime modified, SealKey key) {
        boolean same(BasicFileAttributes a) {
            return fileKey != null && fileKey.equals(a.fileKey()) && size == a.size() && modified.equals(a.lastModifiedTime());
        }
    }

    private Sealer() {
    }

    /** the stored key, or a new chain when there is none; called with the log's lock held. */
    static Key load(AuditLog log, Instant now, Duration interval) throws IOException {
        if (!Files.exists(log.keyFile())) {
            SealKey first = SealKey.fresh(now, interval);
            // the verification key first: a sealing key nobody can verify would be worse than none.
            // an older verification key is never overwritten: it still verifies the records before this
            Path verify = log.verifyKeyFile();
            if (Files.exists(verify)) {
                verify = verify.resolveSibling(verify.getFileName() + "." + first.id());
            }
            first.write(verify, "r--------");
            first.write(log.keyFile(), "rw-------");
            return new Key(first, true, verify);
        }
        BasicFileAttributes a = Files.readAttributes(log.keyFile(), BasicFileAttributes.class);
        Read known = READ.get(log.keyFile());
        if (known != null && known.same(a)) {
            return new Key(known.key(), false, null);
        }
        SealKey key = SealKey.read(log.keyFile());
        READ.put(log.keyFile(), new Read(a.fileKey(), a.size(), a.lastModifiedTime(), key));
        return new Key(key, false, null);
    }

    /** moves the key to epoch {@code target} and overwrites the old one on disk. */
    static Key forward(AuditLog log, Key key, long target) throws IOException {
        SealKey next = key.key().forwardTo(target);
        next.write(log.keyFile(), "rw-------");
        return new Key(next, false, null);
    }
}
