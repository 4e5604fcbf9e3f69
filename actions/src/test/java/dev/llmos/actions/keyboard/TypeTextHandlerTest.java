package dev.llmos.actions.keyboard;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.x11.X11;
import dev.llmos.actions.x11.Xvfb;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** typing into a real window: an xterm under Xvfb that copies each line it gets into a file. */
class TypeTextHandlerTest {

    @TempDir
    Path tmp;
    Xvfb x;

    @BeforeEach
    void startAnXServer() throws Exception {
        x = Xvfb.start(640, 480, "xterm");
    }

    @AfterEach
    void stopIt() throws Exception {
        // null when the test was skipped before the server started
        if (x != null) {
            x.close();
        }
    }

    @Test
    void typesTextIntoTheFocusedWindowWhichReadsItBack() throws Exception {
        Path received = tmp.resolve("received.txt");
        x.client(tmp.resolve("xterm.log"), "/usr/bin/xterm", "-T", "llmos-typing", "-geometry", "80x10+0+0",
                "-e", "/usr/bin/tee", received.toString());
        x.awaitWindow("llmos-typing");
        // no window manager: the keyboard focus follows the pointer, so the pointer goes in the window
        x.query("/usr/bin/xdotool", "mousemove", "--sync", "100", "60");
        TypeTextHandler handler = new TypeTextHandler(new X11(Map.of()));

        ActionOutcome typed = handler.execute(new TypeTextParams("hello from llm-os\n", null, x.display()),
                TestContexts.exec(tmp));

        assertEquals(List.of(true, Json.mapper().createObjectNode().put("typed", 18).put("display", x.display())),
                List.of(typed.ok(), typed.data()));
        assertEquals("hello from llm-os\n", Xvfb.awaitContent(received, "\n"));
    }

    @Test
    void typesOnTheDisplayFromTheEnvironmentWhenThePlanNamesNone() throws Exception {
        TypeTextHandler handler = new TypeTextHandler(new X11(x.environment()));
        ActionOutcome typed = handler.execute(new TypeTextParams("x", 0, null), TestContexts.exec(tmp));
        assertEquals(List.of(true, x.display()), List.of(typed.ok(), typed.data().path("display").asText()));
    }

    @Test
    void failsWithoutADisplayAndSaysHowToGiveOne() {
        ActionOutcome typed = new TypeTextHandler(new X11(Map.of()))
                .execute(new TypeTextParams("x", null, null), TestContexts.exec(tmp));
        assertEquals(ActionOutcome.failure("no x display: give display (\":0\") or start llm-os with DISPLAY set"), typed);
    }
}
