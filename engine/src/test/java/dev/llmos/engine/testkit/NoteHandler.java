package dev.llmos.engine.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * a small real handler for engine tests: writes a note to a file (no atomicity, no backup beyond
 * remembering the old text) or fails on request. the real handlers live in the actions module.
 */
public final class NoteHandler implements ActionHandler<NoteHandler.NoteParams> {

    public record NoteParams(String path, String text, Boolean fail) {
    }

    public record Note(String id, int index, String type, String path, String realPath, boolean fail) implements ActionFact {
    }

    @Override
    public ActionSpec<NoteParams> spec() {
        return new ActionSpec<>("note", "writes a note to a file", NoteParams.class,
                ActionSpec.schemaResource(NoteHandler.class, "note.schema.json"), Note.class, Effect.MUTATING, true, true);
    }

    @Override
    public ActionFact fact(ActionHeader header, NoteParams params, FactContext context) {
        return new Note(header.id(), header.index(), header.type(), params.path(), context.path(params.path()).realPath(),
                Boolean.TRUE.equals(params.fail()));
    }

    @Override
    public List<String> writes(NoteParams params) {
        return List.of(params.path());
    }

    @Override
    public Preview preview(NoteParams params, ExecContext context) {
        return Preview.of("would write " + params.path());
    }

    @Override
    public ActionOutcome execute(NoteParams params, ExecContext context) {
        if (Boolean.TRUE.equals(params.fail())) {
            return ActionOutcome.failure("asked to fail");
        }
        try {
            Path p = Path.of(params.path());
            String before = Files.exists(p) ? Files.readString(p) : null;
            Files.writeString(p, params.text());
            JsonNode undo = Json.mapper().createObjectNode().put("before", before);
            return ActionOutcome.success(List.of(new Change(before == null ? "created" : "modified", p.toString(),
                    before == null ? null : (long) before.length(), (long) params.text().length(), null)), null, undo);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ActionOutcome undo(NoteParams params, JsonNode undo, ExecContext context) {
        try {
            Path p = Path.of(params.path());
            if (undo.path("before").isNull() || undo.path("before").isMissingNode()) {
                Files.deleteIfExists(p);
            } else {
                Files.writeString(p, undo.path("before").asText());
            }
            return ActionOutcome.success(List.of(new Change("restored", p.toString(), null, null, null)), null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
