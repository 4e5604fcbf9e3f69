package dev.llmos.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.spi.ResourceLimits;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * the shipped policy (with the optional exec limits of examples/policies) on process_control, cgroup_apply, exec resource limits and the network actions, decided against
 * real processes: a sleep the test starts under a name nothing else has, and pid 1. decided only:
 * nothing is signalled or moved.
 */
class OsControlPolicyTest {

    private static Pipeline pipeline;
    private static Requester requester;
    private static Process sleeper;
    private static String sleeperName;
    private static Path tmp;

    /** a plan's one action, and its expected verdict, deciding rule, limits and whether undo is its recovery. */
    record Case(String name, Function<Integer, ObjectNode> action, String verdict, String rule, ResourceLimits confine, boolean undo) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void startASleeperAndTheShippedPolicy() throws IOException {
        tmp = Files.createTempDirectory("llmos-os-policy");
        sleeperName = "llmos-p" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 35), 36);
        Path program = tmp.resolve(sleeperName);
        Files.copy(Path.of("/bin/sleep"), program, StandardCopyOption.COPY_ATTRIBUTES);
        sleeper = new ProcessBuilder(program.toString(), "300").start();
        // the shipped policy with the optional resource limits of examples/policies added
        Path policy = Files.createDirectories(tmp.resolve("policy"));
        try (var files = Files.list(Cli.SHIPPED_POLICY)) {
            for (Path f : files.filter(f -> f.toString().endsWith(".drl")).toList()) {
                Files.copy(f, policy.resolve(f.getFileName()));
            }
        }
        Cli.copyCatalog(policy);
        Files.copy(Cli.ROOT.resolve("examples/policies/limits.drl"), policy.resolve("limits.drl"));
        pipeline = new Pipeline(ActionRegistry.discover(), DroolsPolicy.load(policy, PolicyCache.inMemory()),
                new AuditLog(tmp.resolve("audit.jsonl")), HostProbe.system().host(),
                new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(policy), tmp));
        requester = HostProbe.system().currentProcess();
    }

    @AfterAll
    static void stopTheSleeper() throws Exception {
        sleeper.destroyForcibly().waitFor();
        try (var files = Files.walk(tmp)) {
            files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
        }
    }

    private static ObjectNode action(String type, Object... fields) {
        ObjectNode a = Json.mapper().createObjectNode().put("id", "a1").put("type", type).put("reason", "test");
        for (int i = 0; i < fields.length; i += 2) {
            a.set((String) fields[i], Json.mapper().valueToTree(fields[i + 1]));
        }
        return a;
    }

    static List<Case> cases() {
        ResourceLimits none = null;
        return List.of(
                new Case("TERM to a child by pid", pid -> action("process_control", "pid", pid, "signal", "TERM"),
                        "confirm", "process.change", none, false),
                new Case("renice a child", pid -> action("process_control", "pid", pid, "nice", 10),
                        "confirm", "process.change", none, true),
                new Case("KILL to a root process", pid -> action("process_control", "pid", pid, "signal", "KILL"),
                        "deny", "process.system-kill", none, false),
                new Case("TERM to init", pid -> action("process_control", "pid", 1, "signal", "TERM"),
                        "deny", "process.init", none, false),
                new Case("TERM to every root process of a name", pid -> action("process_control", "name", sleeperName, "signal", "TERM"),
                        "deny", "process.root-by-name", none, false),
                new Case("CONT to every root process of a name", pid -> action("process_control", "name", sleeperName, "signal", "CONT"),
                        "confirm", "process.change", none, false),
                new Case("a new group with a memory cap", pid -> action("cgroup_apply", "group", "batch", "memory_max_bytes", 1L << 30),
                        "confirm", "cgroups.change", none, true),
                new Case("a child moved into a cpu-capped group", pid -> action("cgroup_apply", "group", "batch", "pid", pid, "cpu_quota_percent", 50),
                        "confirm", "cgroups.change", none, true),
                new Case("a memory cap on a root process", pid -> action("cgroup_apply", "group", "batch", "pid", pid, "memory_max_bytes", 1L << 30),
                        "deny", "cgroups.system-memory", none, true),
                new Case("an unknown program gets a process cap", pid -> exec("a1", "frobnicate", "--all"),
                        "allow", "exec.unknown", new ResourceLimits(null, null, 512), false),
                new Case("an inline shell script gets process and memory caps", pid -> exec("a1", "sh", "-c", "frobnicate --all"),
                        "allow", "exec.unknown", new ResourceLimits(2L << 30, null, 256), false),
                new Case("showing addresses and routes", pid -> action("network_show"), "allow", "network.show", none, false),
                new Case("a link brought up", pid -> action("link_set", "link", "nosuch0", "state", "up"),
                        "confirm", "network.link", none, true),
                new Case("the loopback taken down", pid -> action("link_set", "link", "lo", "state", "down"),
                        "deny", "network.link-loopback", none, true),
                new Case("new dns servers", pid -> action("dns_set", "servers", List.of("192.0.2.53")),
                        "confirm", "network.dns", none, true),
                new Case("an inspection program runs unconfined", pid -> exec("a1", "ls", "/"),
                        "allow", "exec.inspect", none, false));
    }

    /** a person's own commands stay under their user's limits; caps are for what runs as root. */
    @Test
    void commandsRunAsTheRequesterAreNotConfinedButAsRootTheyAre() {
        Requester alice = new Requester(1000, 1000, "alice", List.of("alice"));
        ObjectNode asRoot = exec("a2", "frobnicate");
        asRoot.put("as_root", true);
        DecidedPlan decided = pipeline.decide(pipeline.parser().parse(plan(exec("a1", "frobnicate"), asRoot)), alice);
        assertEquals(Arrays.asList(null, new ResourceLimits(null, null, 512)),
                Arrays.asList(decided.decision("a1").confine(), decided.decision("a2").confine()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void decidesAsAnAdministratorExpects(Case c) {
        String text = plan(c.action().apply((int) sleeper.pid()));
        Decision d = pipeline.decide(pipeline.parser().parse(text), requester).decision("a1");
        assertEquals(Arrays.asList(c.verdict(), c.rule(), c.confine(), c.undo()),
                Arrays.asList(d.verdict().wire(), d.rule(), d.confine(), d.recovery().contains(new RecoveryStep.Undo(true))));
    }
}
