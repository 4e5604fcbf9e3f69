package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.util.List;
import java.util.function.IntSupplier;

/** {@code write_file}: replaces a file's content atomically, after backing up the original. */
@AutoService(ActionHandler.class)
public final class WriteFileHandler implements ActionHandler<WriteFileParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(WriteFileHandler.class, "write_file.schema.json");
    private static final ActionSpec<WriteFileParams> SPEC = new ActionSpec<>("write_file",
            "replace a file's whole content atomically (the original is backed up; undoable)",
            WriteFileParams.class, SCHEMA, WriteFile.class, Effect.MUTATING, true, true);

    private final IntSupplier effectiveUid;

    public WriteFileHandler() {
        this(Posix::effectiveUid);
    }

    WriteFileHandler(IntSupplier effectiveUid) {
        this.effectiveUid = effectiveUid;
    }

    @Override
    public ActionSpec<WriteFileParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, WriteFileParams params, FactContext context) {
        PathFacts p = context.path(params.path());
        Integer mode;
        try {
            mode = FileKind.parseMode(params.mode());
        } catch (FileTarget.Refused e) {
            mode = null;
        }
        if (mode == null) {
            Integer existing = p.exists() && !p.directory() ? FileKind.existingMode(p.realPath()) : null;
            mode = existing != null ? existing : 0644;
        }
        return new WriteFile(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                p.path(), p.realPath(), p.topDir(), p.exists(), p.symlink(), p.owner(), p.size(), FileKind.octal(mode),
                Payload.bytes(params.content()).length);
    }

    @Override
    public List<String> writes(WriteFileParams params) {
        return params.path() == null ? List.of() : List.of(params.path());
    }

    @Override
    public Preview preview(WriteFileParams params, ExecContext context) {
        try {
            return FilePreview.of(FileTarget.resolve(params.path(), context).writable(), FileKind.parseMode(params.mode()), false,
                    Payload.checked(params.content()), Acting.of(context, effectiveUid.getAsInt()));
        } catch (FileTarget.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        } catch (IOException e) {
            return Preview.of("cannot preview: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(WriteFileParams params, ExecContext context) {
        try {
            FileTarget target = FileTarget.resolve(params.path(), context).writable();
            return FileChange.apply(target, FileKind.parseMode(params.mode()), false, Payload.checked(params.content()),
                    context, effectiveUid.getAsInt());
        } catch (FileTarget.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        } catch (IOException e) {
            return ActionOutcome.failure("cannot write " + params.path() + ": " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome undo(WriteFileParams params, JsonNode undo, ExecContext context) {
        return FileChange.undo(undo, context, effectiveUid.getAsInt());
    }
}
