package dev.llmos.actions.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.x11.X11;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

/**
 * {@code take_screenshot}: captures the whole screen of an x display into a new png. import writes
 * into the action's private state directory; the handler then creates the target itself, never
 * through a symlink and never over an existing file. undo deletes the png.
 */
@AutoService(ActionHandler.class)
public final class TakeScreenshotHandler implements ActionHandler<TakeScreenshotParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(TakeScreenshotHandler.class, "take_screenshot.schema.json");
    private static final ActionSpec<TakeScreenshotParams> SPEC = new ActionSpec<>("take_screenshot",
            "capture the whole screen of an x display into a new png file (import -window root); returns its size",
            TakeScreenshotParams.class, SCHEMA, TakeScreenshot.class, Effect.MUTATING, true, true);

    private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final X11 x11;

    public TakeScreenshotHandler() {
        this(X11.fromEnvironment());
    }

    TakeScreenshotHandler(X11 x11) {
        this.x11 = x11;
    }

    @Override
    public ActionSpec<TakeScreenshotParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, TakeScreenshotParams params, FactContext context) {
        PathFacts p = context.path(params.path());
        return new TakeScreenshot(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                x11.display(params.display()), p.path(), p.realPath(), p.topDir(), p.exists());
    }

    @Override
    public List<String> writes(TakeScreenshotParams params) {
        return List.of(params.path());
    }

    @Override
    public Preview preview(TakeScreenshotParams params, ExecContext context) {
        String refused = refused(Path.of(params.path()));
        return Preview.of(refused != null ? "would fail: " + refused
                : "would capture the screen of " + x11.describe(params.display()) + " into " + params.path());
    }

    @Override
    public ActionOutcome execute(TakeScreenshotParams params, ExecContext context) {
        Path target = Path.of(params.path());
        String refused = refused(target);
        if (refused != null) {
            return ActionOutcome.failure(refused);
        }
        Path capture = context.backupDir().resolve("screenshot.png");
        try {
            Files.deleteIfExists(capture);
            ActionOutcome shot = x11.run("import", List.of("-window", "root", "png:" + capture), params.display(), 60,
                    context, run -> Json.mapper().createObjectNode());
            if (!shot.ok()) {
                return shot;
            }
            create(target, Files.readAllBytes(capture));
            Png.Size size = Png.size(target);
            ObjectNode data = Json.mapper().createObjectNode().put("path", target.toString())
                    .put("bytes", Files.size(target)).put("width", size.width()).put("height", size.height())
                    .put("display", shot.data().path("display").asText());
            return new ActionOutcome(true, shot.exitCode(), shot.stdout(), shot.stderr(),
                    List.of(new Change("created", target.toString(), null, Files.size(target), null)), data,
                    Json.mapper().createObjectNode().put("created", target.toString()), null);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot write the screenshot to " + target + ": " + e);
        } finally {
            try {
                Files.deleteIfExists(capture);
            } catch (IOException e) {
                // the state directory is ours; a leftover capture is overwritten by the next one
            }
        }
    }

    @Override
    public ActionOutcome undo(TakeScreenshotParams params, JsonNode undo, ExecContext context) {
        Path created = Path.of(undo.path("created").asText(params.path()));
        try {
            long bytes = Files.size(created);
            Files.delete(created);
            return ActionOutcome.success(List.of(new Change("deleted", created.toString(), bytes, null, null)), null, null);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot delete the screenshot " + created + ": " + e);
        }
    }

    /**
     * CREATE_NEW fails on anything already there, a symlink included, so nothing is overwritten;
     * owner-only, since a screenshot can show whatever was on the screen.
     */
    private static void create(Path target, byte[] png) throws IOException {
        try (SeekableByteChannel out = Files.newByteChannel(target, Set.of(StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY)) {
            ByteBuffer buf = ByteBuffer.wrap(png);
            while (buf.hasRemaining()) {
                out.write(buf);
            }
        }
    }

    private static String refused(Path target) {
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return "will not overwrite " + target + ": a screenshot goes into a new file";
        }
        Path parent = target.getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            return "no such directory: " + parent;
        }
        return null;
    }
}
