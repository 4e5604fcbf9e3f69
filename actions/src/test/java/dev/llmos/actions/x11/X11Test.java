package dev.llmos.actions.x11;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class X11Test {

    @ParameterizedTest(name = "asked {0}, DISPLAY {1}: {2}")
    @CsvSource(nullValues = "none", value = {
            ":99,        :0,              :99",
            ":0.1,       none,            :0.1",
            "none,       :1,              :1",
            "none,       none,            none",
            "remote:0,   :0,              none",
            "none,       localhost:10.0,  none",
            ":0;xcalc,   none,            none",
    })
    void usesTheLocalDisplayThePlanNamesElseTheEnvironments(String asked, String env, String expected) {
        Map<String, String> environment = new HashMap<>();
        if (env != null) {
            environment.put("DISPLAY", env);
        }
        assertEquals(expected, new X11(environment).display(asked));
    }
}
