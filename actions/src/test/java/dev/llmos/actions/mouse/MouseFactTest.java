package dev.llmos.actions.mouse;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.x11.X11;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MouseFactTest {

    @Test
    void aClickWithoutButtonOrCountIsOneLeftClickWhereverThePointerIs() {
        assertEquals(new ClickMouse("a1", 0, "click_mouse", "because", "low", ":0", "left", 1, false),
                new ClickMouseHandler(new X11(Map.of("DISPLAY", ":0"))).fact(TestContexts.header("click_mouse"),
                        new ClickMouseParams(null, null, null, null, null), TestContexts.facts()));
    }
}
