package dev.llmos.actions.pipeline;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.Catalog;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * the seams from policy to kernel, through the real pipeline and executor: the protected roots
 * and the policy's catalogue reach the sandbox, and root follows the decision's grant. the policy
 * is a stand-in (actions cannot depend on the drools adapter): it allows everything, grants root to
 * actions whose id starts with "root" and lists one secret.
 */
class ExecThroughPipelineTest {

    private static final ActionRegistry REGISTRY = ActionRegistry.discover();
    private static final Requester NOBODY = HostProbe.system().identify(65534, 65534);

    @TempDir
    Path tmp;
    Path policyDir;
    Path secret;
    Pipeline pipeline;

    /** allows all; grants root by action id; its catalogue names {@code secret}. */
    private record GrantingPolicy(String secret) implements PolicyEngine {

        @Override
        public List<RuleOutput> evaluate(PolicyRequest request) {
            List<RuleOutput> out = new ArrayList<>();
            for (ActionFact fact : request.facts()) {
                out.add(new RuleOutput.Match(fact.id(), Verdict.ALLOW, "test.allow", "tests allow everything", "allowed", null));
                if (fact.id().startsWith("root")) {
                    out.add(new RuleOutput.Grant(fact.id(), Scope.asRoot(), "test.root"));
                }
            }
            return out;
        }

        @Override
        public String digest() {
            return "granting";
        }

        @Override
        public Catalog catalog() {
            return () -> List.of(secret);
        }
    }

    @BeforeEach
    void pipeline() throws Exception {
        assumeTrue(TestContexts.SELF.isRoot(), "the daemon's case: root acting for a requester");
        Path root = tmp.toRealPath();
        policyDir = Files.createDirectory(root.resolve("policy"));
        secret = Files.writeString(root.resolve("token"), "SECRET\n");
        pipeline = new Pipeline(REGISTRY, new GrantingPolicy(secret.toString()), new AuditLog(root.resolve("audit/audit.log")),
                HostProbe.system().host(), new Pipeline.Config(root.resolve("state"), Limits.DEFAULT, List.of(policyDir), root));
    }

    private ActionReport run(Requester requester, String id, String argvJson) {
        String plan = "{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"test\",\"actions\":[{\"id\":\"" + id
                + "\",\"type\":\"exec\",\"reason\":\"test\",\"as_root\":true,\"cwd\":\"/\",\"argv\":" + argvJson + "}]}";
        RunOutcome outcome = pipeline.run(pipeline.parse(plan, requester), requester, Approver.NOBODY, false);
        return outcome.actions().get(0);
    }

    @Test
    void anotherUserAskingForRootRunsAsThemselvesWithoutAGrant() {
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        assertEquals("65534\n", run(NOBODY, "a1", "[\"id\",\"-u\"]").result().stdout().text());
    }

    @Test
    void anotherUserAskingForRootGetsItWhenTheDecisionGrantsIt() {
        assertEquals("0\n", run(NOBODY, "root1", "[\"id\",\"-u\"]").result().stdout().text());
    }

    @Test
    void theProtectedPolicyDirectoryStaysReadOnlyForAnAllowedRootShell() {
        ActionReport r = run(TestContexts.SELF, "root1", Json.write(List.of("sh", "-c", "echo x > \"$1\"/zz.drl", "sh",
                policyDir.toString())));
        assertEquals(List.of(false, List.of()), List.of(r.result().status().wire().equals("ok"), list(policyDir)));
    }

    @Test
    void theCataloguesSecretIsMaskedForAnAllowedRootShell() {
        ActionReport r = run(TestContexts.SELF, "root1", Json.write(List.of("sh", "-c", "cat \"$1\"", "sh", secret.toString())));
        assertEquals(List.of("", "cat: " + secret + ": Permission denied\n"),
                List.of(r.result().stdout().text(), r.result().stderr().text()));
    }

    private static List<String> list(Path dir) {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
