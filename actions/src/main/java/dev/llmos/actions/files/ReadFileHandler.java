package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.IntSupplier;

/** {@code read_file}: returns the start of a regular file, as text or base64. */
@AutoService(ActionHandler.class)
public final class ReadFileHandler implements ActionHandler<ReadFileParams> {

    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ReadFileHandler.class, "read_file.schema.json");
    private static final ActionSpec<ReadFileParams> SPEC = new ActionSpec<>("read_file",
            "read the start of a regular file (utf-8 text, or base64 when binary)",
            ReadFileParams.class, SCHEMA, ReadFile.class, Effect.READ_ONLY, true, false);

    private final IntSupplier effectiveUid;

    public ReadFileHandler() {
        this(Posix::effectiveUid);
    }

    ReadFileHandler(IntSupplier effectiveUid) {
        this.effectiveUid = effectiveUid;
    }

    @Override
    public ActionSpec<ReadFileParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ReadFileParams params, FactContext context) {
        PathFacts p = context.path(params.path());
        // the fact context carries no limits, so policy sees the default's view of them
        return new ReadFile(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                p.path(), p.realPath(), p.topDir(), p.exists(), p.symlink(), p.owner(), p.size(),
                maxBytes(params, context.limits()));
    }

    @Override
    public Preview preview(ReadFileParams params, ExecContext context) {
        try {
            FileTarget target = readable(FileTarget.resolve(params.path(), context));
            return Preview.of("would read up to " + maxBytes(params, context.limits()) + " bytes of " + target.real()
                    + " (" + target.size() + " bytes)");
        } catch (FileTarget.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        } catch (IOException e) {
            return Preview.of("cannot preview: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(ReadFileParams params, ExecContext context) {
        int max = maxBytes(params, context.limits());
        FileTarget target;
        try {
            target = readable(FileTarget.resolve(params.path(), context));
        } catch (FileTarget.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
        try {
            // the decided file, opened with the requester's permissions unless root was granted
            Source.Head head = Source.read(target, Acting.of(context, effectiveUid.getAsInt()), max);
            boolean truncated = head.bytes().length > max;
            byte[] bytes = Arrays.copyOf(head.bytes(), Math.min(head.bytes().length, max));
            return ActionOutcome.success(List.of(), content(target, bytes, head.size(), truncated), null);
        } catch (FileTarget.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        } catch (IOException e) {
            return ActionOutcome.failure("cannot read " + target.real() + ": " + e.getMessage());
        }
    }

    private static ObjectNode content(FileTarget target, byte[] bytes, long size, boolean truncated) {
        String text = FilePreview.utf8(bytes);
        // a cut can split the last utf-8 sequence: drop its partial bytes rather than fall back to base64
        for (int cut = 1; text == null && truncated && cut <= 3 && cut < bytes.length; cut++) {
            String shorter = FilePreview.utf8(Arrays.copyOf(bytes, bytes.length - cut));
            if (shorter != null) {
                bytes = Arrays.copyOf(bytes, bytes.length - cut);
                text = shorter;
            }
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("path", target.real().toString());
        data.put("content", text != null ? text : Base64.getEncoder().encodeToString(bytes));
        data.put("encoding", text != null ? "utf-8" : "base64");
        data.put("bytes", bytes.length);
        data.put("size", size);
        data.put("truncated", truncated);
        return data;
    }

    private static FileTarget readable(FileTarget target) throws FileTarget.Refused {
        return switch (target.kind()) {
            case REGULAR -> target;
            case MISSING -> throw new FileTarget.Refused("no such file: " + target.real());
            case FIFO -> throw new FileTarget.Refused("refusing to read " + target.real() + ": it is a "
                    + target.kind().words() + ", not a regular file; opening it could block forever");
            default -> throw new FileTarget.Refused("refusing to read " + target.real() + ": it is a "
                    + target.kind().words() + ", not a regular file");
        };
    }

    static int maxBytes(ReadFileParams params, Limits limits) {
        int asked = params.maxBytes() == null ? limits.defaultReadBytes() : params.maxBytes();
        return Math.max(1, Math.min(asked, MAX_BYTES));
    }
}
