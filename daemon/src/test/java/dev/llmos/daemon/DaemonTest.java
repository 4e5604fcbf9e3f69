package dev.llmos.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.policy.Verdict;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.testkit.MutableClock;
import dev.llmos.engine.testkit.NoteHandler;
import dev.llmos.engine.testkit.ScriptedPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** the daemon in this jvm on a real unix socket in a temp dir; the multi-process tests live in the cli module. */
class DaemonTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T06:00:00Z"));
    private Daemon daemon;
    private CompletableFuture<String> serving;
    private Path socket;

    /** the policy is the word in policy/mode: allow, confirm or broken. */
    private ScriptedPolicy load(Path dir) {
        String mode;
        try {
            mode = Files.readString(dir.resolve("mode")).trim();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        if (mode.equals("broken")) {
            throw new PolicyLoadException(List.of(new PolicyProblem("mode", 1, 1, "broken on purpose", true)));
        }
        Verdict v = mode.startsWith("confirm") ? Verdict.CONFIRM : Verdict.ALLOW;
        return new ScriptedPolicy(mode, req -> {
            List<RuleOutput> out = new ArrayList<>();
            for (ActionFact f : req.facts()) {
                out.add(new RuleOutput.Match(f.id(), v, mode + "-all", "test", mode, null));
            }
            return out;
        });
    }

    // what a slow start (the policy's first load) spends between building the daemon and serving
    private Duration startUp = Duration.ZERO;
    private volatile long servedFrom;

    private void start(String mode, Duration readTimeout, int maxClients, Duration idleExit) throws IOException {
        start(mode, readTimeout, maxClients, idleExit, DaemonConfig.Guards.DEFAULT);
    }

    private void start(String mode, Duration readTimeout, int maxClients, Duration idleExit, DaemonConfig.Guards guards)
            throws IOException {
        Files.createDirectories(tmp.resolve("policy"));
        Files.writeString(tmp.resolve("policy/mode"), mode);
        socket = tmp.resolve("run/llm-osd.sock");
        DaemonConfig config = new DaemonConfig(socket, null, tmp.resolve("state"), tmp.resolve("policy"),
                tmp.resolve("state/audit.jsonl"), List.of(), Set.of(), Set.of(), Set.of(), 4096, readTimeout,
                Duration.ofMinutes(5), maxClients, idleExit, Duration.ofMinutes(5), Limits.DEFAULT, guards);
        daemon = new Daemon(config, this::load, ActionRegistry.of(List.of(new NoteHandler())),
                new HostFacts("h", "debian", "12", "amd64", "apt", "systemd"), PeerCredentials.jdk(HostProbe.system()), clock);
        ServerSocketChannel server = SocketSetup.bind(socket, null);
        serving = CompletableFuture.supplyAsync(() -> {
            try {
                Thread.sleep(startUp);
                servedFrom = System.nanoTime();
                return daemon.serve(server);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void start(String mode) throws IOException {
        start(mode, Duration.ofSeconds(10), 16, Duration.ZERO);
    }

    @AfterEach
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
    }

    private ObjectNode submitParams(String... files) {
        StringBuilder actions = new StringBuilder();
        for (int i = 0; i < files.length; i++) {
            actions.append(i == 0 ? "" : ",").append("{\"id\":\"a").append(i + 1).append("\",\"type\":\"note\",\"reason\":\"r\",\"path\":\"")
                    .append(tmp.resolve(files[i])).append("\",\"text\":\"hello\"}");
        }
        ObjectNode params = Json.mapper().createObjectNode();
        try {
            params.set("plan", Json.mapper().readTree("{\"version\":1,\"mode\":\"actionplan\",\"goal\":\"g\",\"actions\":[" + actions + "]}"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return params;
    }

    private static ObjectNode params(String... kv) {
        ObjectNode p = Json.mapper().createObjectNode();
        for (int i = 0; i < kv.length; i += 2) {
            p.put(kv[i], kv[i + 1]);
        }
        return p;
    }

    private static int code(ThrowingCall call) {
        return assertThrows(RpcException.class, call::run).error().code();
    }

    @FunctionalInterface
    interface ThrowingCall {
        void run() throws Exception;
    }

    @Test
    void submitsApprovesAndExecutesAPlanThatNeedsConfirmation() throws Exception {
        start("confirm");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            JsonNode submitted = c.call("plan.submit", submitParams("one"));
            assertEquals("decided", submitted.get("status").asText());
            assertEquals("[\"a1\"]", submitted.get("confirm").toString());
            String id = submitted.get("plan_id").asText();
            assertEquals(RpcError.APPROVAL_REQUIRED, code(() -> c.call("plan.execute", params("plan_id", id))));
            assertFalse(Files.exists(tmp.resolve("one")));
            ObjectNode approve = params("plan_id", id, "digest", submitted.get("digest").asText());
            approve.putArray("approve").add("a1");
            String token = c.call("plan.approve", approve).get("approval").asText();
            JsonNode done = c.call("plan.execute", params("plan_id", id, "approval", token));
            assertEquals("completed", done.get("status").asText());
            assertEquals("hello", Files.readString(tmp.resolve("one")));
        }
    }

    @Test
    void anApprovalIsSingleUseAndBoundToItsPlan() throws Exception {
        start("confirm");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            JsonNode first = c.call("plan.submit", submitParams("one"));
            JsonNode second = c.call("plan.submit", submitParams("one"));
            ObjectNode approve = params("plan_id", first.get("plan_id").asText(), "digest", first.get("digest").asText());
            approve.putArray("approve").add("a1");
            String token = c.call("plan.approve", approve).get("approval").asText();
            assertEquals(RpcError.APPROVAL_INVALID, code(() -> c.call("plan.execute",
                    params("plan_id", second.get("plan_id").asText(), "approval", token))));
            // the failed attempt used the token up
            assertEquals(RpcError.APPROVAL_INVALID, code(() -> c.call("plan.execute",
                    params("plan_id", first.get("plan_id").asText(), "approval", token))));
        }
    }

    @Test
    void anApprovalExpires() throws Exception {
        start("confirm");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            JsonNode s = c.call("plan.submit", submitParams("one"));
            ObjectNode approve = params("plan_id", s.get("plan_id").asText(), "digest", s.get("digest").asText());
            approve.putArray("approve").add("a1");
            String token = c.call("plan.approve", approve).get("approval").asText();
            clock.advance(Duration.ofMinutes(6));
            RpcException e = assertThrows(RpcException.class,
                    () -> c.call("plan.execute", params("plan_id", s.get("plan_id").asText(), "approval", token)));
            assertEquals("approval expired at 2026-11-27T06:05:00Z; approve again", e.getMessage());
            assertFalse(Files.exists(tmp.resolve("one")));
        }
    }

    @Test
    void approvingADifferentDigestIsRefused() throws Exception {
        start("confirm");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            JsonNode s = c.call("plan.submit", submitParams("one"));
            ObjectNode approve = params("plan_id", s.get("plan_id").asText(), "digest", "0".repeat(64));
            approve.putArray("approve").add("a1");
            assertEquals(RpcError.APPROVAL_INVALID, code(() -> c.call("plan.approve", approve)));
        }
    }

    @Test
    void aPolicyReloadedSinceApprovalNeedsANewApproval() throws Exception {
        start("confirm");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            JsonNode s = c.call("plan.submit", submitParams("one"));
            String id = s.get("plan_id").asText();
            ObjectNode approve = params("plan_id", id, "digest", s.get("digest").asText());
            approve.putArray("approve").add("a1");
            String token = c.call("plan.approve", approve).get("approval").asText();
            Files.writeString(tmp.resolve("policy/mode"), "confirm-again");
            assertEquals("confirm-again", c.call("policy.reload", null).get("policy_digest").asText());
            RpcException e = assertThrows(RpcException.class, () -> c.call("plan.execute", params("plan_id", id, "approval", token)));
            assertEquals("the plan or its decisions changed since they were approved (policy reloaded?); approve again", e.getMessage());
            assertFalse(Files.exists(tmp.resolve("one")));
        }
    }

    @Test
    void aBrokenPolicyIsRejectedOnReloadAndTheOldOneStays() throws Exception {
        start("allow");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            Files.writeString(tmp.resolve("policy/mode"), "broken");
            RpcException e = assertThrows(RpcException.class, () -> c.call("policy.reload", null));
            assertEquals(RpcError.POLICY_INVALID, e.error().code());
            assertEquals("[\"mode:1: broken on purpose\"]", e.error().data().toString());
            assertEquals("allow", daemon.policyDigest());
            assertEquals("completed", c.call("plan.execute", params("plan_id",
                    c.call("plan.submit", submitParams("x")).get("plan_id").asText())).get("status").asText());
        }
    }

    @Test
    void badRequestsGetTheirErrorAndTheConnectionKeepsServing() throws Exception {
        start("allow");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            assertEquals(RpcError.PARSE_ERROR, c.exchange("{not json").path("error").path("code").asInt());
            assertEquals(RpcError.INVALID_REQUEST, c.exchange("[1,2]").path("error").path("code").asInt());
            assertEquals(RpcError.METHOD_NOT_FOUND,
                    c.exchange("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"plan.destroy\"}").path("error").path("code").asInt());
            JsonNode invalid = c.exchange("{\"jsonrpc\":\"2.0\",\"id\":8,\"method\":\"plan.submit\",\"params\":{\"plan\":{\"version\":1}}}");
            assertEquals(RpcError.PLAN_INVALID, invalid.path("error").path("code").asInt());
            assertEquals("{\"pointer\":\"/goal\",\"message\":\"required key is missing\"}", invalid.at("/error/data/0").toString());
            assertEquals("note", c.call("actions.list", null).at("/actions/0/type").asText());
        }
    }

    @Test
    void anOversizedRequestIsRefusedAndClosesOnlyItsConnection() throws Exception {
        start("allow");
        try (DaemonClient big = DaemonClient.connect(socket); DaemonClient other = DaemonClient.connect(socket)) {
            JsonNode answer = big.exchange("{\"pad\":\"" + "x".repeat(5000) + "\"}");
            assertEquals(RpcError.REQUEST_TOO_LARGE, answer.path("error").path("code").asInt());
            assertEquals("request is larger than 4096 bytes; connection closed", answer.path("error").path("message").asText());
            assertEquals(true, other.call("actions.list", null).has("actions"));
        }
    }

    @Test
    void aSlowClientIsCutOffWhileOthersAreServed() throws Exception {
        start("allow", Duration.ofMillis(300), 16, Duration.ZERO);
        try (SocketChannel slow = SocketChannel.open(StandardProtocolFamily.UNIX);
             DaemonClient other = DaemonClient.connect(socket)) {
            slow.connect(UnixDomainSocketAddress.of(socket));
            slow.write(ByteBuffer.wrap("{\"jsonrpc\":\"2.0\",".getBytes(StandardCharsets.UTF_8)));
            assertEquals(true, other.call("actions.list", null).has("actions"));
            ByteBuffer buf = ByteBuffer.allocate(4096);
            int n;
            StringBuilder got = new StringBuilder();
            while ((n = slow.read(buf)) > 0) {
                got.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                buf.clear();
            }
            assertEquals(RpcError.READ_TIMEOUT, Json.mapper().readTree(got.toString()).at("/error/code").asInt());
        }
    }

    @Test
    void clientsBeyondTheLimitAreToldToComeBack() throws Exception {
        start("allow", Duration.ofSeconds(10), 1, Duration.ZERO);
        try (DaemonClient first = DaemonClient.connect(socket)) {
            first.call("actions.list", null);
            try (SocketChannel second = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
                ByteBuffer buf = ByteBuffer.allocate(4096);
                int n = second.read(buf);
                assertEquals(RpcError.TOO_MANY_CLIENTS,
                        Json.mapper().readTree(new String(buf.array(), 0, n, StandardCharsets.UTF_8)).at("/error/code").asInt());
            }
        }
    }

    @Test
    void exitsAfterTheIdleWindow() throws Exception {
        start("allow", Duration.ofSeconds(10), 4, Duration.ofMillis(300));
        assertEquals("idle", serving.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theIdleWindowCountsFromServingNotFromBuildingTheDaemon() throws Exception {
        // a start slower than the window must not leave a client that comes as the socket appears unserved
        startUp = Duration.ofMillis(900);
        start("allow", Duration.ofSeconds(10), 4, Duration.ofMillis(500));
        assertEquals("idle", serving.get(10, TimeUnit.SECONDS));
        long served = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - servedFrom);
        assertTrue(served >= 500, "served only " + served + " ms of a 500 ms idle window");
    }

    @Test
    void auditTailShowsTheRunsInOrder() throws Exception {
        start("allow");
        try (DaemonClient c = DaemonClient.connect(socket)) {
            String id = c.call("plan.submit", submitParams("one")).get("plan_id").asText();
            c.call("plan.execute", params("plan_id", id));
            ObjectNode p = Json.mapper().createObjectNode().put("lines", 2);
            JsonNode entries = c.call("audit.tail", p).get("entries");
            assertEquals("[\"step.finished\",\"plan.ended\"]", Json.write(List.of(entries.get(0).get("type").asText(),
                    entries.get(1).get("type").asText())));
        }
    }

    @Test
    void theBytesOfPlansOneOwnerHoldsAreBoundedAndFreedWhenAPlanEnds() throws Exception {
        int size = Json.write(submitParams("one").get("plan")).length();
        DaemonConfig.Guards d = DaemonConfig.Guards.DEFAULT;
        start("allow", Duration.ofSeconds(10), 16, Duration.ZERO, new DaemonConfig.Guards(d.maxClientsPerUid(), d.reservedSlots(),
                d.firstRequestTimeout(), d.writeTimeout(), d.refusalWindow(), 100, d.maxPlanBytes(), 2L * size + size / 2));
        try (DaemonClient c = DaemonClient.connect(socket)) {
            String first = c.call("plan.submit", submitParams("one")).get("plan_id").asText();
            c.call("plan.submit", submitParams("two"));
            RpcException full = assertThrows(RpcException.class, () -> c.call("plan.submit", submitParams("for")));
            assertEquals(RpcError.TOO_MANY_PLANS, full.error().code(), full.getMessage());
            c.call("plan.execute", params("plan_id", first));
            // an ended plan keeps its id and state, not its bytes
            c.call("plan.submit", submitParams("six"));
            assertEquals("completed", c.call("plan.status", params("plan_id", first)).at("/plans/0/state").asText());
        }
    }
}
