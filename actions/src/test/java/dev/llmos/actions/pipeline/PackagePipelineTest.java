package dev.llmos.actions.pipeline;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.packages.Debs;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RecoveryReport;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.RecoveryStep;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * the real executor with the handlers as the registry finds them, the package handlers acting on a
 * throwaway root (never the host's package database): packages a plan installed are purged again
 * when a later action fails. needs root, apt-get and dpkg-deb; skipped elsewhere.
 */
class PackagePipelineTest {

    @TempDir
    Path tmp;
    Debs.Root system;
    Pipeline pipeline;

    @BeforeEach
    void pipeline() throws Exception {
        assumeTrue(Debs.canInstall(), "needs root, dpkg-deb and apt-get");
        assumeTrue("apt".equals(HostProbe.system().host().packageManager()), "needs apt as the host's package manager");
        Path root = tmp.toRealPath();
        system = Debs.Root.create(root.resolve("system"));
        // the discovered handlers, the package ones swapped for ones on the throwaway root
        List<ActionHandler<?>> handlers = new ArrayList<>();
        for (ActionHandler<?> h : ServiceLoader.load(ActionHandler.class)) {
            if (!Set.of("install_packages", "remove_packages", "update_system").contains(h.spec().type())) {
                handlers.add(h);
            }
        }
        handlers.addAll(system.handlers());
        ActionRegistry registry = ActionRegistry.of(handlers);
        pipeline = new Pipeline(registry, new AllowAllPolicy(registry), new AuditLog(root.resolve("audit/audit.log")),
                HostProbe.system().host(), new Pipeline.Config(root.resolve("state"), Limits.DEFAULT, List.of(), root));
    }

    @Test
    void aFailureAfterAnInstallPurgesWhatTheInstallBrought() throws Exception {
        Path lib = Debs.build(tmp, Debs.LIB, "1.0-1", null);
        Path app = Debs.build(tmp, Debs.APP, "1.0-1", Debs.LIB);
        String plan = """
                {"version":1,"mode":"actionplan","goal":"install, then fail","actions":[
                  {"id":"p1","type":"install_packages","reason":"test","packages":[],"files":[%s,%s]},
                  {"id":"x1","type":"exec","reason":"test","argv":["/bin/sh","-c","exit 3"]}]}"""
                .formatted(Json.write(app.toString()), Json.write(lib.toString()));
        RunOutcome outcome = pipeline.run(pipeline.parse(plan, TestContexts.SELF), TestContexts.SELF, Approver.NOBODY, false);
        assertEquals(List.of(RunStatus.FAILED, List.of(ActionStatus.OK, ActionStatus.FAILED),
                        List.of(new RecoveryReport("p1", new RecoveryStep.Undo(true), "ran",
                                "removed llmos-test-app:all=1.0-1, removed llmos-test-lib:all=1.0-1")),
                        "absent", "absent"),
                List.of(outcome.status(), outcome.actions().stream().map(a -> a.result().status()).toList(), outcome.recovery(),
                        system.state(Debs.APP), system.state(Debs.LIB)));
    }
}
