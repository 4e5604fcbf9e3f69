package dev.llmos.cli;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** policies/screen.drl: listing outputs is allowed; screenshots ask, and only into scratch or home. */
class ScreenPolicyTest {

    static List<ShippedPolicy.Case> cases() {
        return List.of(
                new ShippedPolicy.Case("listing outputs", """
                        {"type": "list_outputs", "display": ":0"}""", "allow", "screen.list-outputs"),
                new ShippedPolicy.Case("a screenshot into /tmp", """
                        {"type": "take_screenshot", "path": "/tmp/llmos-policy-test-never-written.png", "display": ":0"}""",
                        "confirm", "screen.screenshot"),
                new ShippedPolicy.Case("a screenshot into /etc", """
                        {"type": "take_screenshot", "path": "/etc/shot.png", "display": ":0"}""",
                        "deny", "screen.screenshot-elsewhere"),
                new ShippedPolicy.Case("a screenshot into the web root", """
                        {"type": "take_screenshot", "path": "/var/www/html/shot.png", "display": ":0"}""",
                        "deny", "screen.screenshot-elsewhere"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsAnAdministratorExpects(ShippedPolicy.Case c) {
        assertEquals(c.expected(), ShippedPolicy.decide(c.action()));
    }
}
