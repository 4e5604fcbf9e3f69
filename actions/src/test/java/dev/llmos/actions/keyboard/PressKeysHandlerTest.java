package dev.llmos.actions.keyboard;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.x11.X11;
import dev.llmos.actions.x11.Xvfb;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** pressing keys into a real window: xev under Xvfb prints every key event it gets. */
class PressKeysHandlerTest {

    private static final Pattern KEY_PRESS = Pattern.compile("KeyPress event.*?\\n.*?\\n\\s*state (0x[0-9a-f]+), keycode \\d+ \\(keysym 0x[0-9a-f]+, (\\w+)\\)");

    @TempDir
    Path tmp;
    Xvfb x;
    Path events;

    @BeforeEach
    void startAnXServerWithAWindowThatPrintsKeys() throws Exception {
        x = Xvfb.start(640, 480, "xev");
        events = tmp.resolve("xev.txt");
        x.client(events, "/usr/bin/xev", "-name", "llmos-keys", "-geometry", "300x200+0+0", "-event", "keyboard");
        x.awaitWindow("llmos-keys");
        x.query("/usr/bin/xdotool", "mousemove", "--sync", "100", "100");
    }

    @AfterEach
    void stopIt() throws Exception {
        // null when the test was skipped before the server started
        if (x != null) {
            x.close();
        }
    }

    private ActionOutcome press(String keys, Integer repeat) {
        return new PressKeysHandler(new X11(Map.of())).execute(new PressKeysParams(keys, repeat, x.display()),
                TestContexts.exec(tmp));
    }

    private static List<String> keyPresses(String xev) {
        Matcher m = KEY_PRESS.matcher(xev);
        List<String> presses = new java.util.ArrayList<>();
        while (m.find()) {
            presses.add(m.group(2) + " state " + m.group(1));
        }
        return presses;
    }

    @Test
    void pressesACombinationWithItsModifierHeld() throws Exception {
        assertEquals(true, press("ctrl+s", null).ok());
        assertEquals(List.of("Control_L state 0x0", "s state 0x4"), keyPresses(Xvfb.awaitContent(events, "keysym 0x73, s")));
    }

    @Test
    void pressesAKeyAsOftenAsAsked() throws Exception {
        assertEquals(true, press("Tab", 3).ok());
        assertEquals(List.of("Tab state 0x0", "Tab state 0x0", "Tab state 0x0"),
                keyPresses(Xvfb.awaitContent(events, xev -> keyPresses(xev).size() >= 3)));
    }

    @Test
    void aKeyNameXDoesNotKnowFailsInsteadOfBeingSkipped() {
        ActionOutcome o = press("ctrl+nosuchkey", null);
        assertEquals(List.of(false, "unknown key name in ctrl+nosuchkey: (symbol) No such key name 'nosuchkey'. Ignoring it."),
                List.of(o.ok(), o.error()));
    }
}
