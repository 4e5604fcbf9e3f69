package dev.llmos.actions.files;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/** {@code read_file}: returns the start of a regular file, as text or base64. */
public final class ReadFileHandler implements ActionHandler<ReadFileParams> {

    static final int MAX_BYTES = 16 * 1024 * 1024;
    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ReadFileHandler.class, "read_file.schema.json");
    private static final ActionSpec<ReadFileParams> SPEC = new ActionSpec<>("read_file",
            "read the start of a regular file (utf-8 text, or base64 when binary)",
            ReadFileParams.class, SCHEMA, ReadFile.class, Effect.READ_ONLY, true, false);

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
            FileTarget target = readable(FileTarget.resolve(params.path()));
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
            target = readable(FileTarget.resolve(params.path()));
        } catch (FileTarget.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
        try {
            ByteBuffer buf = ByteBuffer.allocate(max + 1);
            // no symlink may be swapped in between the check and the open
            try (FileChannel ch = FileChannel.open(target.real(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                while (buf.hasRemaining() && ch.read(buf) != -1) {
                    // keep reading: one more byte than asked tells whether there is more
                }
            }
            long size = Files.size(target.real());
            boolean truncated = buf.position() > max;
            byte[] bytes = Arrays.copyOf(buf.array(), Math.min(buf.position(), max));
            return ActionOutcome.success(List.of(), content(target, bytes, size, truncated), null);
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
