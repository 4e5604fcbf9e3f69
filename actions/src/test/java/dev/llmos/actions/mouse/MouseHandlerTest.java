package dev.llmos.actions.mouse;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the pointer of a real x server (Xvfb); xev's window prints the clicks it gets. */
class MouseHandlerTest {

    private static final Pattern BUTTON_PRESS = Pattern.compile("ButtonPress event.*?\\n.*?root:\\((\\d+),(\\d+)\\),\\s*\\n\\s*state 0x[0-9a-f]+, button (\\d)");

    @TempDir
    Path tmp;
    Xvfb x;
    Path events;

    @BeforeEach
    void startAnXServerWithAWindowThatPrintsClicks() throws Exception {
        x = Xvfb.start(640, 480, "xev");
        events = tmp.resolve("xev.txt");
        x.client(events, "/usr/bin/xev", "-name", "llmos-clicks", "-geometry", "300x200+0+0", "-event", "button");
        x.awaitWindow("llmos-clicks");
    }

    @AfterEach
    void stopIt() throws Exception {
        // null when the test was skipped before the server started
        if (x != null) {
            x.close();
        }
    }

    private ActionOutcome click(String button, Integer count, Integer atX, Integer atY) {
        return new ClickMouseHandler(new X11(Map.of())).execute(new ClickMouseParams(button, count, atX, atY, x.display()),
                TestContexts.exec(tmp));
    }

    private static List<String> presses(String xev) {
        Matcher m = BUTTON_PRESS.matcher(xev);
        List<String> presses = new ArrayList<>();
        while (m.find()) {
            presses.add("button " + m.group(3) + " at " + m.group(1) + "," + m.group(2));
        }
        return presses;
    }

    @Test
    void movesThePointerAndReportsWhereItIs() throws Exception {
        ActionOutcome moved = new MoveMouseHandler(new X11(Map.of()))
                .execute(new MoveMouseParams(123, 45, x.display()), TestContexts.exec(tmp));
        assertEquals(Json.mapper().createObjectNode().put("x", 123).put("y", 45).put("display", x.display()), moved.data());
        assertEquals("X=123\nY=45", x.query("/usr/bin/xdotool", "getmouselocation", "--shell").lines().limit(2)
                .reduce((a, b) -> a + "\n" + b).orElse(""));
    }

    @Test
    void aPositionOffTheScreenEndsAtItsEdge() {
        ActionOutcome moved = new MoveMouseHandler(new X11(Map.of()))
                .execute(new MoveMouseParams(5000, 10, x.display()), TestContexts.exec(tmp));
        assertEquals(Json.mapper().createObjectNode().put("x", 639).put("y", 10).put("display", x.display()), moved.data());
    }

    @Test
    void clicksAtAPositionInTheWindowThere() throws Exception {
        ActionOutcome o = click(null, null, 50, 60);
        assertEquals(Json.mapper().createObjectNode().put("x", 50).put("y", 60).put("button", "left").put("count", 1)
                .put("display", x.display()), o.data());
        assertEquals(List.of("button 1 at 50,60"), presses(Xvfb.awaitContent(events, "ButtonRelease")));
    }

    @Test
    void doubleClicksTheRightButtonWhereThePointerIs() throws Exception {
        x.query("/usr/bin/xdotool", "mousemove", "--sync", "70", "80");
        assertEquals(true, click("right", 2, null, null).ok());
        assertEquals(List.of("button 3 at 70,80", "button 3 at 70,80"),
                presses(Xvfb.awaitContent(events, xev -> presses(xev).size() >= 2)));
    }

    @Test
    void onlyOneCoordinateIsRefusedBeforeAnythingMoves() {
        assertEquals(ActionOutcome.failure("give both x and y, or neither"), click(null, null, 10, null));
    }
}
