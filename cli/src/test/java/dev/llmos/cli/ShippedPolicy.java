package dev.llmos.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * the shipped policy, for a capability's table of policy cases: decides one action written as
 * json ({@code {"type": "press_keys", "keys": "ctrl+s"}}), nothing executes.
 */
final class ShippedPolicy {

    private static Pipeline pipeline;

    private ShippedPolicy() {
    }

    /** one row of a table: an action, and the verdict and rule the policy must give it. */
    record Case(String name, String action, String verdict, String rule) {
        @Override
        public String toString() {
            return name;
        }

        List<String> expected() {
            return List.of(verdict, rule);
        }
    }

    /** the verdict and the deciding rule for the action as {@code a1} of a plan. */
    static synchronized List<String> decide(String actionJson) {
        try {
            ObjectNode action = (ObjectNode) Json.mapper().readTree(actionJson);
            action.put("id", "a1").put("reason", "a policy test");
            Decision d = pipeline().decide(pipeline().parser().parse(Plans.plan(action)),
                    HostProbe.system().currentProcess()).decision("a1");
            return List.of(d.verdict().wire(), d.rule());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not json: " + actionJson, e);
        }
    }

    private static Pipeline pipeline() {
        if (pipeline == null) {
            try {
                // under target/, so the build's clean removes the audit log and state it leaves
                Path tmp = Files.createDirectories(Path.of("target", "shipped-policy").toAbsolutePath());
                // the rules module's memory cache is jvm-wide: the policy compiles once for all classes
                pipeline = new Pipeline(ActionRegistry.discover(),
                        DroolsPolicy.load(Cli.SHIPPED_POLICY, PolicyCache.inMemory()),
                        new AuditLog(tmp.resolve("audit.jsonl")), HostProbe.system().host(),
                        new Pipeline.Config(tmp.resolve("state"), Limits.DEFAULT, List.of(Cli.SHIPPED_POLICY), tmp));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return pipeline;
    }
}
