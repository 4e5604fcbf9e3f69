package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
 * put it back byte for byte (or remove it, when the action created it) on undo.
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
        Path real = target.real();
        boolean created = !target.exists();
        ObjectNode undo = Json.mapper().createObjectNode();
        undo.put("path", real.toString());
        undo.put("created", created);
        AtomicFile.Owner owner = null;
        Long before = null;
        Path backup = null;
        int finalMode = mode != null ? mode : 0644;
        if (!created) {
            int originalMode = FileKind.mode(real);
            int uid = (Integer) Files.getAttribute(real, "unix:uid");
            int gid = (Integer) Files.getAttribute(real, "unix:gid");
            backup = freeName(context.backupDir());
            AtomicFile.Written saved = AtomicFile.copyPrivately(real, backup);
            before = saved.bytes();
            undo.put("backup", backup.toString());
            undo.put("sha256", saved.sha256());
            undo.put("bytes", saved.bytes());
            undo.put("mode", FileKind.octal(originalMode));
            undo.put("uid", uid);
            undo.put("gid", gid);
            // only root can give a file away; anyone else ends up owning what they rewrite
            owner = effectiveUid == 0 ? new AtomicFile.Owner(uid, gid) : null;
            finalMode = mode != null ? mode : originalMode;
        }
        Path original = backup;
        AtomicFile.Written written = AtomicFile.replace(real, finalMode, owner, out -> {
            if (append && original != null) {
                // appended to the backed-up snapshot, so backup and result agree on the original
                Files.copy(original, out);
            }
            out.write(payload);
        });
        undo.put("written_sha256", written.sha256());
        String kind = created ? "created" : append ? "appended" : "modified";
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("path", real.toString());
        data.put("bytes", written.bytes());
        data.put("mode", FileKind.octal(finalMode));
        data.put("sha256", written.sha256());
        return ActionOutcome.success(List.of(new Change(kind, real.toString(), before, written.bytes(),
                backup == null ? null : backup.toString())), data, undo);
    }

    static ActionOutcome undo(JsonNode undo, int effectiveUid) {
        if (undo == null || !undo.path("path").isTextual()) {
            return ActionOutcome.failure("cannot undo: the action recorded no undo data");
        }
        Path real = Path.of(undo.get("path").asText());
        try {
            FileKind kind = FileKind.of(real);
            if (kind != FileKind.REGULAR && kind != FileKind.MISSING) {
                return ActionOutcome.failure("cannot undo: " + real + " is now a " + kind.words());
            }
            Long before = kind == FileKind.REGULAR ? Files.size(real) : null;
            if (undo.path("created").asBoolean()) {
                if (kind == FileKind.MISSING) {
                    return ActionOutcome.success(List.of(), null, null);
                }
                Files.delete(real);
                AtomicFile.syncDirectory(real.getParent());
                return ActionOutcome.success(List.of(new Change("deleted", real.toString(), before, null, null)), null, null);
            }
            return restore(undo, real, before, effectiveUid);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot undo the change to " + real + ": " + e.getMessage());
        }
    }

    private static ActionOutcome restore(JsonNode undo, Path real, Long before, int effectiveUid) throws IOException {
        Path backup = Path.of(undo.path("backup").asText());
        String expected = undo.path("sha256").asText();
        if (!Files.isRegularFile(backup)) {
            return ActionOutcome.failure("cannot undo: backup " + backup + " of " + real + " is gone");
        }
        if (!AtomicFile.sha256(backup).equals(expected)) {
            return ActionOutcome.failure("cannot undo: backup " + backup + " does not match its recorded sha-256; "
                    + real + " left as it is");
        }
        AtomicFile.Owner owner = effectiveUid == 0
                ? new AtomicFile.Owner(undo.path("uid").asInt(), undo.path("gid").asInt())
                : null;
        AtomicFile.Written restored = AtomicFile.replace(real, Integer.parseInt(undo.path("mode").asText(), 8), owner,
                out -> Files.copy(backup, out));
        if (!restored.sha256().equals(expected)) {
            return ActionOutcome.failure("restored " + real + " but its content does not match the backup's sha-256");
        }
        return ActionOutcome.success(List.of(new Change("restored", real.toString(), before, restored.bytes(),
                backup.toString())), null, null);
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
