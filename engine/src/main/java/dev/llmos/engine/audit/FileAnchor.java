package dev.llmos.engine.audit;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * heads appended to a separate file beside the log (opened append-only, fsync'd). it catches a log
 * cut or re-chained on its own, by a tool or a person who did not also rewrite this file; against
 * root who knows about it, only a copy off the file system (syslog forwarding) helps.
 */
public record FileAnchor(Path file) implements Anchor {

    @Override
    public void publish(String log, long seq, String hash) throws IOException {
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))) {
            Durable.writeFully(ch, (Anchor.line(log, seq, hash) + "\n").getBytes(StandardCharsets.UTF_8));
            ch.force(true);
        }
        if (created) {
            Durable.syncDirectory(file.getParent());
        }
    }

    @Override
    public String describe() {
        return "anchor file " + file;
    }
}
