package dev.llmos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Precondition;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;

import static dev.llmos.cli.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * the shipped policy's rules for packages, services and observation, on a debian host with apt and
 * systemd (host facts given, so the decisions do not depend on the machine the test runs on).
 * decided only: nothing here executes.
 */
class ShippedOsPolicyTest {

    @TempDir
    static Path tmp;
    private static Pipeline pipeline;

    record Case(String name, ObjectNode action, String verdict, String rule) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void buildTheShippedPolicyOnce() {
        pipeline = new Pipeline(ActionRegistry.discover(), DroolsPolicy.load(Cli.SHIPPED_POLICY, PolicyCache.inMemory()),
                new AuditLog(tmp.resolve("audit.jsonl")), new HostFacts("h", "debian", "12", "amd64", "apt", "systemd"),
                new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(Cli.SHIPPED_POLICY), tmp));
    }

    private static ObjectNode action(String type, String fields) {
        try {
            ObjectNode a = (ObjectNode) Json.mapper().readTree("{" + fields + "}");
            ObjectNode out = Json.mapper().createObjectNode().put("id", "a1").put("type", type).put("reason", "test");
            out.setAll(a);
            return out;
        } catch (Exception e) {
            throw new IllegalArgumentException(fields, e);
        }
    }

    static List<Case> cases() {
        return List.of(
                new Case("install htop", action("install_packages", "\"packages\":[\"htop\"]"), "confirm", "packages.install"),
                new Case("install a local .deb", action("install_packages", "\"packages\":[],\"files\":[\"/tmp/x.deb\"]"),
                        "confirm", "packages.install-file"),
                new Case("install with dnf on an apt host", action("install_packages", "\"manager\":\"dnf\",\"packages\":[\"htop\"]"),
                        "deny", "packages.wrong-manager-install"),
                new Case("remove htop", action("remove_packages", "\"packages\":[\"htop\"]"), "confirm", "packages.remove"),
                new Case("remove libc6", action("remove_packages", "\"packages\":[\"htop\",\"libc6:amd64\"]"), "deny",
                        "packages.remove-essential"),
                new Case("remove openssh-server", action("remove_packages", "\"packages\":[\"openssh-server\"]"), "deny",
                        "packages.remove-essential"),
                new Case("refresh the package lists", action("update_system", ""), "allow", "packages.refresh"),
                new Case("upgrade the system", action("update_system", "\"upgrade\":true"), "confirm", "packages.upgrade"),
                new Case("update with pacman on an apt host", action("update_system", "\"manager\":\"pacman\""), "deny",
                        "packages.wrong-manager-update"),
                new Case("service status", action("service_control", "\"action\":\"status\",\"unit\":\"ssh\""), "allow", "services.status"),
                new Case("start nginx", action("service_control", "\"action\":\"start\",\"unit\":\"nginx\""), "confirm", "services.change"),
                new Case("restart ssh", action("service_control", "\"action\":\"restart\",\"unit\":\"ssh\""), "confirm", "services.change"),
                new Case("stop ssh", action("service_control", "\"action\":\"stop\",\"unit\":\"ssh\""), "deny", "services.stop-critical"),
                new Case("disable llm-osd.socket", action("service_control", "\"action\":\"disable\",\"unit\":\"llm-osd.socket\""),
                        "deny", "services.stop-critical"),
                new Case("stop a getty", action("service_control", "\"action\":\"stop\",\"unit\":\"getty@tty1.service\""), "deny",
                        "services.stop-critical"),
                new Case("observe pressure", action("observe", "\"what\":\"pressure\""), "allow", "observe.read"),
                new Case("observe a process", action("observe", "\"what\":\"process\",\"pid\":1"), "allow", "observe.read"));
    }

    private static Decision decide(ObjectNode action) {
        return pipeline.decide(pipeline.parser().parse(plan(action)), HostProbe.system().currentProcess()).decision("a1");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsAnAdministratorExpects(Case c) {
        Decision d = decide(c.action());
        assertEquals(List.of(c.verdict(), c.rule()), List.of(d.verdict().wire(), d.rule()));
    }

    @Test
    void packageChangesNeedTheLockAndSpaceAndAreUndoneAutomatically() {
        Decision install = decide(action("install_packages", "\"packages\":[\"htop\"]"));
        Decision remove = decide(action("remove_packages", "\"packages\":[\"htop\"]"));
        Decision refresh = decide(action("update_system", ""));
        assertEquals(List.of(List.of("lock_free apt", "disk_free /var >= 256.0 MiB"), List.of(new RecoveryStep.Undo(true)),
                        List.of("lock_free apt"), List.of(new RecoveryStep.Undo(true)), List.of("lock_free apt"), List.of()),
                List.of(describe(install), install.recovery(), describe(remove), remove.recovery(), describe(refresh),
                        refresh.recovery()));
    }

    @Test
    void serviceChangesNeedTheUnitAndAreUndoneAutomaticallyStatusNeedsNothing() {
        Decision start = decide(action("service_control", "\"action\":\"start\",\"unit\":\"nginx\""));
        Decision status = decide(action("service_control", "\"action\":\"status\",\"unit\":\"nginx\""));
        assertEquals(List.of(List.of("unit_exists nginx.service"), List.of(new RecoveryStep.Undo(true)), List.of(), List.of()),
                List.of(describe(start), start.recovery(), describe(status), status.recovery()));
    }

    private static List<String> describe(Decision d) {
        return d.preconditions().stream().map(Precondition::describe).toList();
    }
}
