package dev.llmos.actions.keyboard;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.x11.X11;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class KeyboardFactTest {

    private final X11 x11 = new X11(Map.of("DISPLAY", ":0"));

    @Test
    void aCombinationIsLowercasedAndSplitIntoModifiersAndKey() {
        assertEquals(new PressKeys("a1", 0, "press_keys", "because", "low", ":0", "ctrl+alt+backspace", "backspace",
                        List.of("ctrl", "alt"), 1),
                new PressKeysHandler(x11).fact(TestContexts.header("press_keys"),
                        new PressKeysParams("Control+Alt+BackSpace", null, null), TestContexts.facts()));
    }

    @Test
    void typedTextCountsCharactersAndSaysWhetherItPressesReturn() {
        assertEquals(new TypeText("a1", 0, "type_text", "because", "low", ":5", 4, true),
                new TypeTextHandler(x11).fact(TestContexts.header("type_text"),
                        new TypeTextParams("ls\né", null, ":5"), TestContexts.facts()));
    }
}
