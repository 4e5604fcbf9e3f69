package dev.llmos.actions.screen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.actions.x11.X11;
import dev.llmos.actions.x11.Xvfb;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the screen of a real x server: Xvfb with an 800x600 screen. */
class ScreenHandlerTest {

    @TempDir
    Path tmp;
    Xvfb x;

    @BeforeEach
    void startAnXServer() throws Exception {
        x = Xvfb.start(800, 600, "xrandr", "import");
    }

    @AfterEach
    void stopIt() throws Exception {
        // null when the test was skipped before the server started
        if (x != null) {
            x.close();
        }
    }

    private ActionOutcome screenshot(Path png) {
        return new TakeScreenshotHandler(new X11(Map.of())).execute(new TakeScreenshotParams(png.toString(), x.display()),
                TestContexts.exec(tmp.resolve("state")));
    }

    @Test
    void listsTheXvfbScreenAsOneConnectedOutputOfItsSize() throws Exception {
        ActionOutcome o = new ListOutputsHandler(new X11(Map.of())).execute(new ListOutputsParams(x.display()),
                TestContexts.exec(tmp));
        JsonNode expected = Json.mapper().readTree("""
                {"screens": [{"screen": 0, "width": 800, "height": 600}],
                 "outputs": [{"name": "screen", "connected": true, "primary": false,
                              "width": 800, "height": 600, "x": 0, "y": 0,
                              "modes": [{"mode": "800x600", "rates": ["0.00"], "current": true, "preferred": false}]}],
                 "display": "%s"}""".formatted(x.display()));
        assertEquals(expected, Json.mapper().readTree(Json.write(o.data())));
    }

    @Test
    void aScreenshotIsAPngOfTheScreensSizeReadableOnlyByItsOwner() throws Exception {
        Path png = tmp.resolve("shot.png");
        ActionOutcome o = screenshot(png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(List.of(800, 600, "rw-------"), List.of(image.getWidth(), image.getHeight(),
                PosixFilePermissions.toString(Files.getPosixFilePermissions(png))));
        assertEquals(Json.mapper().createObjectNode().put("path", png.toString()).put("bytes", Files.size(png))
                .put("width", 800).put("height", 600).put("display", x.display()), o.data());
        assertEquals(List.of(new Change("created", png.toString(), null, Files.size(png), null)), o.changes());
    }

    @Test
    void undoDeletesTheScreenshot() {
        Path png = tmp.resolve("shot.png");
        ActionOutcome o = screenshot(png);
        new TakeScreenshotHandler(new X11(Map.of())).undo(new TakeScreenshotParams(png.toString(), x.display()), o.undo(),
                TestContexts.exec(tmp.resolve("state")));
        assertEquals(false, Files.exists(png));
    }

    @Test
    void neverOverwritesAFileOrWritesThroughASymlink() throws Exception {
        Path existing = Files.writeString(tmp.resolve("existing.png"), "keep me");
        Path link = Files.createSymbolicLink(tmp.resolve("link.png"), tmp.resolve("elsewhere.png"));
        assertEquals(List.of(ActionOutcome.failure("will not overwrite " + existing + ": a screenshot goes into a new file"),
                        ActionOutcome.failure("will not overwrite " + link + ": a screenshot goes into a new file")),
                List.of(screenshot(existing), screenshot(link)));
        assertEquals(List.of("keep me", false), List.of(Files.readString(existing), Files.exists(tmp.resolve("elsewhere.png"))));
    }
}
