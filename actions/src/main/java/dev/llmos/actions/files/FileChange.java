package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.actions.posix.Fs;
import dev.llmos.engine.host.FileId;
import dev.llmos.engine.host.PathChange;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.ExecContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * what write_file and append_file share: back up the original, replace the file atomically, and
 * put it back byte for byte (or remove it, when the action created it) on undo. every step acts
 * on the decided directory and file through descriptors ({@link BoundDir}), with the permissions
 * of whoever the action runs as ({@link Acting}); backups are the daemon's own and written as it.
 */
final class FileChange {

    private FileChange() {
    }

    /**
     * @param mode the new file's mode, or null to keep the existing one (0644 for a new file)
     * @param append whether {@code payload} goes after the original content instead of replacing it
     */
    static ActionOutcome apply(FileTarget target, Integer mode, boolean append, byte[] payload, ExecContext context,
                               int effectiveUid) throws IOException {
        Acting acting = Acting.of(context, effectiveUid);
        Path real = target.real();
        String name = real.getFileName().toString();
        boolean created = !target.decided().exists();
        FileId decidedId = target.decided().id();
        // one trip to the acting identity's thread for the directory, the entry and the file
        Opened opened = acting.call(() -> Opened.of(real, target.decided().parentId(), name, created, decidedId, acting.who()));
        try (BoundDir dir = opened.dir(); Source source = opened.source()) {
            int finalMode = mode != null ? mode : created ? 0644 : source.stat.mode() & 07777;
            acting.checkMode(finalMode, real);
            ObjectNode undo = Json.mapper().createObjectNode();
            undo.put("path", real.toString());
            undo.put("created", created);
            Fs.Stat dirStat = Fs.stat(dir.fd());
            undo.put("dir_device", dirStat.device());
            undo.put("dir_inode", dirStat.inode());
            Path backup = null;
            Long before = null;
            String originalSha = null;
            if (!created) {
                // the daemon's own copy, written as the daemon into its state directory
                backup = freeName(context.backupDir());
                Copy.Copied saved = Copy.toNewFile(source.fd, backup);
                before = saved.bytes();
                originalSha = saved.sha256();
                undo.put("backup", backup.toString());
                undo.put("sha256", saved.sha256());
                undo.put("bytes", saved.bytes());
                undo.put("mode", FileKind.octal(source.stat.mode()));
                undo.put("uid", source.stat.uid());
                undo.put("gid", source.stat.gid());
            }
            // only root can give a file away; anyone else ends up owning what they rewrite
            AtomicFile.Owner owner = acting.root() && !created ? new AtomicFile.Owner(source.stat.uid(), source.stat.gid()) : null;
            String expectedSha = originalSha;
            AtomicFile.Written written = acting.call(() -> AtomicFile.replace(dir, name, created, decidedId, finalMode, owner, out -> {
                if (append && !created) {
                    // appended to the backed-up snapshot: if the file moved on since, nothing is written
                    String copied = Copy.fromFd(source.fd, out).sha256();
                    if (!copied.equals(expectedSha)) {
                        throw new IOException(real + " changed while it was being appended to; left as it was");
                    }
                }
                out.write(payload);
            }));
            undo.put("written_sha256", written.sha256());
            undo.put("written_inode", written.id().inode());
            String kind = created ? "created" : append ? "appended" : "modified";
            ObjectNode data = Json.mapper().createObjectNode();
            data.put("path", real.toString());
            data.put("bytes", written.bytes());
            data.put("mode", FileKind.octal(finalMode));
            data.put("sha256", written.sha256());
            return ActionOutcome.success(List.of(new Change(kind, real.toString(), before, written.bytes(),
                    backup == null ? null : backup.toString())), data, undo);
        }
    }

    static ActionOutcome undo(JsonNode undo, ExecContext context, int effectiveUid) {
        if (undo == null || !undo.path("path").isTextual()) {
            return ActionOutcome.failure("cannot undo: the action recorded no undo data");
        }
        Path real = Path.of(undo.get("path").asText());
        String name = real.getFileName().toString();
        Acting acting = Acting.of(context, effectiveUid);
        FileId dirId = undo.has("dir_inode") ? FileId.of(undo.path("dir_device").asLong(), undo.path("dir_inode").asLong(), 0040000) : null;
        try (BoundDir dir = acting.call(() -> BoundDir.open(real, dirId, "when the action ran", acting.who()))) {
            Fs.Stat now = Fs.statAt(dir.fd(), name);
            if (now != null && !now.regular()) {
                return ActionOutcome.failure("cannot undo: " + real + " is now " + PathChange.kind(real));
            }
            Long before = now == null ? null : now.size();
            if (undo.path("created").asBoolean()) {
                if (now == null) {
                    return ActionOutcome.success(List.of(), null, null);
                }
                String expected = undo.path("written_sha256").asText();
                acting.call(() -> {
                    try (Source file = Source.open(dir, name, now.id(), acting.who())) {
                        if (!Copy.fromFd(file.fd, java.io.OutputStream.nullOutputStream()).sha256().equals(expected)) {
                            throw new FileTarget.Refused(real + " is no longer what the action wrote; left in place");
                        }
                    }
                    Fs.unlinkAt(dir.fd(), name);
                    dir.sync();
                    return null;
                });
                return ActionOutcome.success(List.of(new Change("deleted", real.toString(), before, null, null)), null, null);
            }
            return restore(undo, dir, name, real, before, acting);
        } catch (FileTarget.Refused e) {
            return ActionOutcome.failure("cannot undo: " + e.getMessage());
        } catch (IOException e) {
            return ActionOutcome.failure("cannot undo the change to " + real + ": " + e.getMessage());
        }
    }

    private static ActionOutcome restore(JsonNode undo, BoundDir dir, String name, Path real, Long before, Acting acting)
            throws IOException {
        Path backup = Path.of(undo.path("backup").asText());
        String expected = undo.path("sha256").asText();
        if (!Files.isRegularFile(backup)) {
            return ActionOutcome.failure("cannot undo: backup " + backup + " of " + real + " is gone");
        }
        if (!AtomicFile.sha256(backup).equals(expected)) {
            return ActionOutcome.failure("cannot undo: backup " + backup + " does not match its recorded sha-256; "
                    + real + " left as it is");
        }
        AtomicFile.Owner owner = acting.root()
                ? new AtomicFile.Owner(undo.path("uid").asInt(), undo.path("gid").asInt())
                : null;
        int mode = Integer.parseInt(undo.path("mode").asText(), 8);
        acting.checkMode(mode, real);
        // the backup is the daemon's: opened as the daemon, read through the descriptor as the requester
        int fd = Fs.open(backup.toString(), Fs.O_RDONLY);
        AtomicFile.Written restored;
        try {
            Fs.Stat current = Fs.statAt(dir.fd(), name);
            FileId currentId = current == null ? null : current.id();
            restored = acting.call(() -> AtomicFile.replace(dir, name, current == null, currentId, mode, owner,
                    out -> Copy.fromFd(fd, out)));
        } finally {
            Fs.close(fd);
        }
        if (!restored.sha256().equals(expected)) {
            return ActionOutcome.failure("restored " + real + " but its content does not match the backup's sha-256");
        }
        return ActionOutcome.success(List.of(new Change("restored", real.toString(), before, restored.bytes(),
                backup.toString())), null, null);
    }

    /** the decided directory and, when the file existed, the file itself, checked against the decision. */
    private record Opened(BoundDir dir, Source source) {
        static Opened of(Path real, FileId parentId, String name, boolean created, FileId decidedId, String who)
                throws IOException {
            BoundDir dir = BoundDir.open(real, parentId, "at decision time", who);
            try {
                dir.expect(name, !created, decidedId);
                return new Opened(dir, created ? Source.NONE : Source.open(dir, name, decidedId, who));
            } catch (IOException | RuntimeException e) {
                dir.close();
                throw e;
            }
        }
    }

    /** "original", or "original.N" when a rerun of the same action already left one. */
    private static Path freeName(Path dir) {
        Path candidate = dir.resolve("original");
        for (int i = 1; Files.exists(candidate); i++) {
            candidate = dir.resolve("original." + i);
        }
        return candidate;
    }
}
