package dev.llmos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** policies/keyboard.drl: typing acts as the user, so it asks; leaving the session is refused. */
class KeyboardPolicyTest {

    static List<ShippedPolicy.Case> cases() {
        return List.of(
                new ShippedPolicy.Case("typing text", """
                        {"type": "type_text", "text": "hello", "display": ":0"}""", "confirm", "keyboard.type"),
                new ShippedPolicy.Case("typing a command and Return", """
                        {"type": "type_text", "text": "ls\\n", "display": ":0"}""", "confirm", "keyboard.type"),
                new ShippedPolicy.Case("ctrl+s", """
                        {"type": "press_keys", "keys": "ctrl+s", "display": ":0"}""", "confirm", "keyboard.press"),
                new ShippedPolicy.Case("ctrl+alt+backspace", """
                        {"type": "press_keys", "keys": "Control+Alt+BackSpace", "display": ":0"}""", "deny", "keyboard.session-keys"),
                new ShippedPolicy.Case("ctrl+alt+f2", """
                        {"type": "press_keys", "keys": "ctrl+alt+F2", "display": ":1"}""", "deny", "keyboard.session-keys"),
                new ShippedPolicy.Case("ctrl+alt+delete", """
                        {"type": "press_keys", "keys": "ctrl+alt+Delete", "display": ":0"}""", "deny", "keyboard.session-keys"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsAnAdministratorExpects(ShippedPolicy.Case c) {
        assertEquals(c.expected(), ShippedPolicy.decide(c.action()));
    }
}
