package dev.llmos.engine.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;

/** finds the sealing key of the current epoch: creates the first one, moves an old one forward. */
final class Sealer {

    /** @param created true when this call made the key chain (the log records that) */
    record Key(SealKey key, boolean created, java.nio.file.Path verifyFile) {
        String id() {
            return key.id();
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
            java.nio.file.Path verify = log.verifyKeyFile();
            if (Files.exists(verify)) {
                verify = verify.resolveSibling(verify.getFileName() + "." + first.id());
            }
            first.write(verify, "r--------");
            first.write(log.keyFile(), "rw-------");
            return new Key(first, true, verify);
        }
        return new Key(SealKey.read(log.keyFile()), false, null);
    }

    /** moves the key to epoch {@code target} and overwrites the old one on disk. */
    static Key forward(AuditLog log, Key key, long target) throws IOException {
        SealKey next = key.key().forwardTo(target);
        next.write(log.keyFile(), "rw-------");
        return new Key(next, false, null);
    }
}
