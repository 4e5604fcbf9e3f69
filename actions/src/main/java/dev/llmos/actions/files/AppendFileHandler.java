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

/**
 * {@code append_file}: adds text at the end of a file. the whole file is rewritten atomically
 * from a backup, so a crash never leaves half an append and undo restores the original exactly.
 */
@AutoService(ActionHandler.class)
public final class AppendFileHandler implements ActionHandler<AppendFileParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(AppendFileHandler.class, "append_file.schema.json");
    private static final ActionSpec<AppendFileParams> SPEC = new ActionSpec<>("append_file",
            "append text to a file, keeping its mode (the original is backed up; undoable)",
            AppendFileParams.class, SCHEMA, AppendFile.class, Effect.MUTATING, true, true);

    private final IntSupplier effectiveUid;

    public AppendFileHandler() {
        this(Posix::effectiveUid);
    }

    AppendFileHandler(IntSupplier effectiveUid) {
        this.effectiveUid = effectiveUid;
    }

    @Override
    public ActionSpec<AppendFileParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, AppendFileParams params, FactContext context) {
        PathFacts p = context.path(params.path());
        Integer existing = p.exists() && !p.directory() ? FileKind.existingMode(p.realPath()) : null;
        return new AppendFile(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                p.path(), p.realPath(), p.topDir(), p.exists(), p.symlink(), p.owner(), p.size(),
                FileKind.octal(existing != null ? existing : 0644), Payload.bytes(params.content()).length);
    }

    @Override
    public List<String> writes(AppendFileParams params) {
        return params.path() == null ? List.of() : List.of(params.path());
    }

    @Override
    public Preview preview(AppendFileParams params, ExecContext context) {
        try {
            return FilePreview.of(FileTarget.resolve(params.path(), context).writable(), null, true,
                    Payload.checked(params.content()), Acting.of(context, effectiveUid.getAsInt()));
        } catch (FileTarget.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        } catch (IOException e) {
            return Preview.of("cannot preview: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(AppendFileParams params, ExecContext context) {
        try {
            FileTarget target = FileTarget.resolve(params.path(), context).writable();
            return FileChange.apply(target, null, true, Payload.checked(params.content()), context, effectiveUid.getAsInt());
        } catch (FileTarget.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        } catch (IOException e) {
            return ActionOutcome.failure("cannot append to " + params.path() + ": " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome undo(AppendFileParams params, JsonNode undo, ExecContext context) {
        return FileChange.undo(undo, context, effectiveUid.getAsInt());
    }
}
