package dev.llmos.actions.services;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.ExecContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * service_control through the real systemctl, on a unit tree this test writes, with
 * {@code systemctl --root=DIR}: enable, disable and is-enabled work offline there, so they, their
 * undo, status's unit-file state and unit_exists are tested for real.
 *
 * <p>not covered here: start, stop and restart (and is-active), which need a running systemd as
 * pid 1; this machine and ci have none (systemctl says "System has not been booted with systemd").
 * for them the test shows only that systemctl's own refusal comes back as the failure, and the undo
 * decisions are tested on recorded states.
 */
class ServiceControlTest {

    @TempDir
    Path root;
    Path wants;
    ServiceControlHandler handler;
    ExecContext context;

    @BeforeEach
    void unitTree() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemctl")) || Files.isExecutable(Path.of("/bin/systemctl")),
                "needs systemctl");
        Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
        Files.writeString(etc.resolve("llmos-demo.service"), """
                [Unit]
                Description=llm-os test unit
                [Service]
                ExecStart=/bin/true
                [Install]
                WantedBy=multi-user.target
                """);
        Path lib = Files.createDirectories(root.resolve("usr/lib/systemd/system"));
        Files.writeString(lib.resolve("llmos-worker@.service"), "[Service]\nExecStart=/bin/true %i\n");
        wants = etc.resolve("multi-user.target.wants/llmos-demo.service");
        handler = new ServiceControlHandler(Systemctl.offline(root));
        context = TestContexts.exec(root.resolve("state"));
    }

    private ActionOutcome run(String action, String unit) {
        return TestContexts.wire(handler.execute(new ServiceControlParams(action, unit), context));
    }

    @Test
    void enableRecordsTheStateBeforeAndUndoDisablesAgain() throws Exception {
        ActionOutcome enabled = run("enable", "llmos-demo");
        List<Object> after = List.of(enabled.ok(), enabled.changes(), Files.isSymbolicLink(wants),
                enabled.data().get("before"), enabled.data().get("after"));
        ActionOutcome undone = handler.undo(new ServiceControlParams("enable", "llmos-demo"), enabled.undo(), context);
        assertEquals(List.of(true, List.of(new Change("enabled", "llmos-demo.service", null, null, null)), true,
                tree("{\"active\":\"unknown\",\"enabled\":\"disabled\"}"), tree("{\"active\":\"unknown\",\"enabled\":\"enabled\"}")), after);
        assertEquals(List.of(true, List.of(new Change("disabled", "llmos-demo.service", null, null, null)), false, "disabled"),
                List.of(undone.ok(), undone.changes(), Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS),
                        Systemctl.offline(root).enabledState("llmos-demo.service")));
    }

    @Test
    void disableOfAnEnabledUnitIsUndoneByEnablingIt() throws Exception {
        assertTrue(run("enable", "llmos-demo.service").ok());
        ActionOutcome disabled = run("disable", "llmos-demo.service");
        boolean linkGone = !Files.exists(wants, java.nio.file.LinkOption.NOFOLLOW_LINKS);
        ActionOutcome undone = handler.undo(new ServiceControlParams("disable", "llmos-demo.service"), disabled.undo(), context);
        assertEquals(List.of(true, true, true, true), List.of(disabled.ok(), linkGone, undone.ok(), Files.isSymbolicLink(wants)));
    }

    @Test
    void undoOfAnEnableThatChangedNothingDoesNothing() throws Exception {
        assertTrue(run("enable", "llmos-demo").ok());
        ActionOutcome again = run("enable", "llmos-demo");
        ActionOutcome undone = handler.undo(new ServiceControlParams("enable", "llmos-demo"), again.undo(), context);
        assertEquals(List.of(true, List.of(), true), List.of(undone.ok(), undone.changes(), Files.isSymbolicLink(wants)));
    }

    @Test
    void undoDecisionsForRuntimeVerbsFollowTheRecordedState() {
        // recorded states as a live systemd reports them; only the decision is checked (no systemd to act)
        record Case(String action, String activeBefore, String expected) {
        }
        for (Case c : List.of(new Case("start", "active", null), new Case("restart", "active", null),
                new Case("stop", "inactive", null))) {
            JsonNode undo = Json.mapper().createObjectNode().put("unit", "x.service").put("action", c.action())
                    .put("active_before", c.activeBefore()).put("enabled_before", "enabled");
            ActionOutcome o = handler.undo(new ServiceControlParams(c.action(), "x"), undo, context);
            assertEquals(List.of(true, List.of()), List.of(o.ok(), o.changes()), c.toString());
        }
    }

    @Test
    void statusReportsTheUnitFileStateAndSaysWhatIsUnknownWithoutSystemd() throws Exception {
        ActionOutcome status = run("status", "llmos-demo");
        assertEquals(tree("""
                {"unit":"llmos-demo.service","active":"unknown","enabled":"disabled",
                 "unit_file":"%s","runtime":"no running systemd: only the unit file state is known","properties":{}}"""
                .formatted(root.resolve("etc/systemd/system/llmos-demo.service"))), status.data());
        assertEquals(List.of(true, List.of()), List.of(status.ok(), status.changes()));
    }

    @Test
    void startWithoutARunningSystemdFailsWithSystemctlsOwnWords() {
        ActionOutcome start = run("start", "llmos-demo");
        assertEquals(false, start.ok());
        assertTrue(start.error().startsWith("systemctl --root=" + root + " exited with 1: "), start.error());
        assertTrue(start.error().contains("start") && start.error().contains("--root"), start.error());
    }

    @Test
    void unitExistsLooksOnSystemdsSearchPathTemplatesIncluded() {
        assertEquals(List.of(
                        new Precondition.Check(true, "llmos-demo.service is " + root.resolve("etc/systemd/system/llmos-demo.service")),
                        new Precondition.Check(true, "llmos-worker@7.service is " + root.resolve("usr/lib/systemd/system/llmos-worker@.service")),
                        new Precondition.Check(false, "no unit file for nope.service on systemd's search path"),
                        "unit_exists nginx", "unit_exists nope under " + root),
                List.of(new UnitExists("llmos-demo", root.toString()).check(),
                        new UnitExists("llmos-worker@7.service", root.toString()).check(),
                        new UnitExists("nope", root.toString()).check(), new UnitExists("nginx").describe(),
                        new UnitExists("nope", root.toString()).describe()));
    }

    @Test
    void theFactHasTheFullUnitNameItsTypeAndWhetherItExists() {
        assertEquals(List.of(new ServiceControl("a1", 0, "service_control", "because", "low", "enable", "llmos-demo.service",
                                "service", true),
                        new ServiceControl("a1", 0, "service_control", "because", "low", "stop", "backup.timer", "timer", false)),
                List.of(handler.fact(TestContexts.header("service_control"), new ServiceControlParams("enable", "llmos-demo"),
                                TestContexts.facts()),
                        handler.fact(TestContexts.header("service_control"), new ServiceControlParams("stop", "backup.timer"),
                                TestContexts.facts())));
    }

    @Test
    void unitNamesAreNeverOptionsOrPaths() {
        for (String bad : List.of("-H", "--root=/", "a b", "../etc/passwd", "/etc/systemd/system/x.service", "x*")) {
            assertEquals("not a unit name: " + bad, run("status", bad).error());
        }
        assertEquals("unknown service action mask; one of start, stop, restart, enable, disable, status", run("mask", "x").error());
    }

    @Test
    void onTheHostSystemctlGetsNoRoot() {
        assertEquals(List.of("systemctl", "--no-pager", "--no-ask-password", "start", "nginx.service"),
                Systemctl.system().argv("start", "nginx.service"));
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }
}
