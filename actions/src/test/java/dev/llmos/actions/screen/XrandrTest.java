package dev.llmos.actions.screen;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** xrandr's report of a laptop with an external monitor: the shapes Xvfb does not produce. */
class XrandrTest {

    @Test
    void readsPrimaryOffAndDisconnectedOutputsWithTheirModes() throws Exception {
        String query = """
                Screen 0: minimum 320 x 200, current 3840 x 1080, maximum 16384 x 16384
                eDP-1 connected primary 1920x1080+0+0 (normal left inverted right x axis y axis) 309mm x 174mm
                   1920x1080     60.02*+  59.93
                   1280x720      60.00
                HDMI-1 connected 1920x1080+1920+0 (normal left inverted right x axis y axis) 527mm x 296mm
                   1920x1080     60.00 +  50.00    59.94*
                DP-1 disconnected (normal left inverted right x axis y axis)
                DP-2 connected (normal left inverted right x axis y axis)
                   2560x1440     59.95 +
                """;
        JsonNode expected = Json.mapper().readTree("""
                {"screens": [{"screen": 0, "width": 3840, "height": 1080}],
                 "outputs": [
                   {"name": "eDP-1", "connected": true, "primary": true, "width": 1920, "height": 1080, "x": 0, "y": 0,
                    "modes": [{"mode": "1920x1080", "rates": ["60.02", "59.93"], "current": true, "preferred": true},
                              {"mode": "1280x720", "rates": ["60.00"], "current": false, "preferred": false}]},
                   {"name": "HDMI-1", "connected": true, "primary": false, "width": 1920, "height": 1080, "x": 1920, "y": 0,
                    "modes": [{"mode": "1920x1080", "rates": ["60.00", "50.00", "59.94"], "current": true, "preferred": true}]},
                   {"name": "DP-1", "connected": false, "primary": false, "modes": []},
                   {"name": "DP-2", "connected": true, "primary": false,
                    "modes": [{"mode": "2560x1440", "rates": ["59.95"], "current": false, "preferred": true}]}]}""");
        assertEquals(expected, Json.mapper().readTree(Json.write(Xrandr.parse(query))));
    }
}
