package dev.llmos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** policies/mouse.drl: moving the pointer is allowed, a click acts as the user and asks. */
class MousePolicyTest {

    static List<ShippedPolicy.Case> cases() {
        return List.of(
                new ShippedPolicy.Case("moving the pointer", """
                        {"type": "move_mouse", "x": 10, "y": 20, "display": ":0"}""", "allow", "mouse.move"),
                new ShippedPolicy.Case("a left click", """
                        {"type": "click_mouse", "display": ":0"}""", "confirm", "mouse.click"),
                new ShippedPolicy.Case("a right double click at a position", """
                        {"type": "click_mouse", "button": "right", "count": 2, "x": 5, "y": 5, "display": ":3"}""",
                        "confirm", "mouse.click"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsAnAdministratorExpects(ShippedPolicy.Case c) {
        assertEquals(c.expected(), ShippedPolicy.decide(c.action()));
    }
}
