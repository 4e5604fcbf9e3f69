package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.audit.AuditVerifier;
import dev.llmos.engine.json.Json;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.RpcError;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** one real llm-osd process, shared by these tests, spoken to over its unix socket. */
class DaemonProcessTest {

    @TempDir
    static Path tmp;

    static DaemonProcess daemon;

    @BeforeAll
    static void startDaemon() throws Exception {
        // world-traversable so the test's unprivileged client can reach the socket
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        daemon = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"), "--socket-group", "nogroup",
                "--read-timeout", "500", "--max-request", "65536");
        Files.setPosixFilePermissions(tmp.resolve("d"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(tmp.resolve("d/run"), PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @AfterAll
    static void stopDaemon() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    static ObjectNode submitTo(String plan) throws Exception {
        return submit(plan);
    }

    static ObjectNode submit(String plan) throws Exception {
        ObjectNode p = Json.mapper().createObjectNode();
        p.set("plan", Json.mapper().readTree(plan));
        return p;
    }

    @Test
    void fiftyClientsRunTwentyPlansEachAndEveryRunIsAuditedInOneChain() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("many"));
        long linesBefore = Files.readAllLines(daemon.state.resolve("audit.jsonl")).size();
        List<Future<List<String>>> clients = new ArrayList<>();
        try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int c = 0; c < 50; c++) {
                int client = c;
                clients.add(pool.submit((Callable<List<String>>) () -> {
                    List<String> got = new ArrayList<>();
                    try (DaemonClient dc = DaemonClient.connect(daemon.socket)) {
                        for (int i = 0; i < 20; i++) {
                            Path file = out.resolve("c" + client + "-" + i);
                            String plan = Plans.plan(Plans.write("w", file, "client " + client + " plan " + i),
                                    Plans.read("r", file.toString()));
                            String id = dc.call("plan.submit", submit(plan)).get("plan_id").asText();
                            JsonNode done = dc.call("plan.execute", Json.mapper().createObjectNode().put("plan_id", id));
                            got.add(done.get("status").asText() + ":" + done.at("/actions/1/result/data/content").asText());
                        }
                    }
                    return got;
                }));
            }
        }
        for (int c = 0; c < 50; c++) {
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                expected.add("completed:client " + c + " plan " + i);
            }
            assertEquals(expected, clients.get(c).get());
        }
        var verified = AuditVerifier.verify(daemon.state.resolve("audit.jsonl"));
        assertTrue(verified.ok(), verified.toString());
        List<String> lines = Files.readAllLines(daemon.state.resolve("audit.jsonl"));
        long runs = lines.stream().skip(linesBefore).filter(l -> l.contains("\"type\":\"plan.ended\"")).count();
        long submits = lines.stream().skip(linesBefore).filter(l -> l.contains("\"type\":\"plan.submitted\"")).count();
        assertEquals(List.of(1000L, 1000L), List.of(submits, runs));
    }

    /** writes raw bytes and reads whatever comes back until the daemon closes or a line arrives. */
    static JsonNode raw(String text, boolean waitForClose) throws Exception {
        return raw(text.getBytes(StandardCharsets.UTF_8), waitForClose);
    }

    static JsonNode raw(byte[] bytes, boolean waitForClose) throws Exception {
        try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(daemon.socket));
            ch.write(ByteBuffer.wrap(bytes));
            StringBuilder sb = new StringBuilder();
            ByteBuffer buf = ByteBuffer.allocate(65536);
            while (waitForClose || sb.indexOf("\n") < 0) {
                int n = ch.read(buf);
                if (n < 0) {
                    break;
                }
                sb.append(new String(buf.array(), 0, n, StandardCharsets.UTF_8));
                buf.clear();
            }
            return Json.mapper().readTree(sb.toString().split("\n")[0]);
        }
    }

    @Test
    void badClientsGetTheirOwnErrorWhileAGoodClientIsServed() throws Exception {
        try (var pool = Executors.newVirtualThreadPerTaskExecutor(); DaemonClient good = DaemonClient.connect(daemon.socket)) {
            Future<JsonNode> slow = pool.submit(() -> raw("{\"jsonrpc\": \"2.0\", \"id\": 1, \"meth", true));
            Future<JsonNode> malformed = pool.submit(() -> raw("{this is not json}\n", false));
            Future<JsonNode> oversized = pool.submit(() -> raw("{\"x\":\"" + "y".repeat(70_000) + "\"}\n", true));
            Future<JsonNode> unknown = pool.submit(() -> raw("{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"system.shutdown\"}\n", false));
            String plan = Plans.plan(Plans.exec("a1", "echo", "still served"));
            String id = good.call("plan.submit", submit(plan)).get("plan_id").asText();
            JsonNode done = good.call("plan.execute", Json.mapper().createObjectNode().put("plan_id", id));
            assertEquals("still served\n", done.at("/actions/0/result/stdout/text").asText());
            assertEquals(List.of(RpcError.READ_TIMEOUT, RpcError.PARSE_ERROR, RpcError.REQUEST_TOO_LARGE, RpcError.METHOD_NOT_FOUND),
                    List.of(code(slow), code(malformed), code(oversized), code(unknown)));
        }
    }

    private static int code(Future<JsonNode> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS).at("/error/code").asInt();
    }

    @Test
    void aClientRunningAsAnotherUidIsRefusedAndAudited() throws Exception {
        String python = "/usr/bin/python3";
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of(python)) && Files.isExecutable(Path.of("/usr/bin/setpriv")),
                "needs /usr/bin/python3 and setpriv (.ci/run installs them) to act as another uid");
        String script = "import socket,sys\n"
                + "s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])\n"
                + "s.sendall(b'{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"actions.list\"}\\n')\n"
                + "print(s.makefile().readline(), end='')\n";
        Process p = new ProcessBuilder("/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                python, "-c", script, daemon.socket.toString()).redirectErrorStream(true).start();
        String answer = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        long clientPid = p.pid();
        assertEquals(0, p.waitFor(), answer);
        JsonNode error = Json.mapper().readTree(answer).get("error");
        assertEquals(RpcError.PEER_REFUSED, error.get("code").asInt(), answer);
        assertTrue(Files.readAllLines(daemon.state.resolve("audit.jsonl")).stream()
                .anyMatch(l -> l.contains("\"type\":\"peer.refused\"") && l.contains("\"uid\":65534")
                        && l.contains("\"pid\":" + clientPid)), "the refusal is audited with the client's uid and pid");
    }

    @Test
    void anEditedAuditLineIsFoundByAuditVerify() throws Exception {
        try (DaemonClient c = DaemonClient.connect(daemon.socket)) {
            String id = c.call("plan.submit", submit(Plans.plan(Plans.exec("a1", "true")))).get("plan_id").asText();
            c.call("plan.execute", Json.mapper().createObjectNode().put("plan_id", id));
        }
        Path copy = tmp.resolve("audit-copy.jsonl");
        List<String> lines = new ArrayList<>(Files.readAllLines(daemon.state.resolve("audit.jsonl")));
        int victim = lines.size() - 1;
        lines.set(victim, lines.get(victim).replace("\"status\":\"completed\"", "\"status\":\"failed\""));
        assertTrue(lines.get(victim).contains("\"status\":\"failed\""), "the last record is the run's end");
        Files.write(copy, lines);
        Cli.Result ok = Cli.in(tmp.resolve("cli1")).run("audit", "verify", "--log", daemon.state.resolve("audit.jsonl").toString());
        Cli.Result bad = Cli.in(tmp.resolve("cli2")).run("audit", "verify", "--log", copy.toString());
        assertEquals(0, ok.code(), ok.out() + ok.err());
        assertEquals(1, bad.code());
        assertEquals(copy + ":" + (victim + 1) + ": edited: its content no longer matches its hash", bad.out().lines().findFirst().orElse(""));
    }

    @Test
    void llmshRunsThroughTheDaemonWhenItsSocketAnswers() throws Exception {
        Path target = tmp.resolve("via-daemon.txt");
        Path work = Files.createDirectories(tmp.resolve("cli3"));
        Cli.Result r = Cli.in(work).env("LLMOS_SOCKET", daemon.socket.toString())
                .run("run", Plans.file(work, Plans.plan(Plans.write("a1", target, "from the daemon\n"))));
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("(via llm-osd at " + daemon.socket + ")"), r.out());
        assertEquals("from the daemon\n", Files.readString(target));
        assertTrue(Files.readAllLines(daemon.state.resolve("audit.jsonl")).stream()
                .anyMatch(l -> l.contains("\"type\":\"step.started\"") && l.contains("via-daemon.txt")));
    }

    @Test
    void aBadPlanThroughTheDaemonGetsTheSameErrorsAsEmbeddedAndNothingRuns() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("cli5"));
        Path target = work.resolve("must-not-exist.txt");
        String good = Plans.plan(Plans.write("a1", target, "x\n"));
        // the client sends what it can read and the daemon names the errors; what it cannot read is named here
        for (String text : List.of(good.replace("\"reason\"", "\"colour\": \"red\", \"reason\""), good.replace("\"reason\"", "\"reasn\""), good.replace("\"a1\"", "1"),
                good.replace("actionplan", "someplan"), "{\"version\": 1,", "[]", "")) {
            Path plan = Files.writeString(work.resolve("bad.json"), text);
            Cli.Result embedded = Cli.shipped(work).run("run", plan.toString());
            Cli.Result viaDaemon = Cli.in(work).run("--socket", daemon.socket.toString(), "run", plan.toString());

            assertEquals(List.of(2, embedded.err(), ""), List.of(viaDaemon.code(), viaDaemon.err(), viaDaemon.out()), text);
            assertTrue(embedded.err().contains("the plan is invalid"), embedded.err());
        }
        assertTrue(Files.notExists(target), "nothing ran");
    }

    @Test
    void aNamedSocketThatDoesNotAnswerIsAnErrorAndNothingRunsEmbedded() throws Exception {
        Path work = Files.createDirectories(tmp.resolve("cli4"));
        Path absent = work.resolve("nobody-listens.sock");
        Path target = work.resolve("must-not-exist.txt");
        String plan = Plans.file(work, Plans.plan(Plans.write("a1", target, "ran embedded\n")));
        Cli.Result byFlag = Cli.shipped(work).run("--socket", absent.toString(), "run", plan);
        Cli.Result byEnv = Cli.in(work).env("LLMOS_SOCKET", absent.toString()).env("LLMOS_POLICY_DIR", Cli.SHIPPED_POLICY.toString())
                .run("run", plan);
        assertEquals(List.of(1, 1), List.of(byFlag.code(), byEnv.code()), byFlag.err() + byEnv.err());
        assertEquals("llmsh: llm-osd does not answer at " + absent + " (given by --socket); start it (systemctl start llm-osd),"
                + " fix the socket path, or pass --embedded to run with your own privileges\n", byFlag.err());
        assertTrue(byEnv.err().contains("(given by $LLMOS_SOCKET)"), byEnv.err());
        assertEquals("", byFlag.out() + byEnv.out());
        assertTrue(Files.notExists(target), "nothing ran");
    }

    @Test
    void theProtocolDocumentsExamplesAreWhatTheDaemonAnswers() throws Exception {
        Path scratch = Path.of("/tmp/llmos-protocol-example");
        org.junit.jupiter.api.Assumptions.assumeFalse(Files.exists(scratch), scratch + " exists already; not touching it");
        Files.createDirectories(scratch);
        try (DaemonClient c = DaemonClient.connect(daemon.socket)) {
            java.util.Map<String, String> vars = new java.util.HashMap<>();
            List<ProtocolDoc.Exchange> examples = ProtocolDoc.read(Cli.ROOT.resolve("docs/protocol.md"));
            assertTrue(examples.size() >= 13, "examples found: " + examples.size());
            for (ProtocolDoc.Exchange e : examples) {
                JsonNode answer = c.exchange(ProtocolDoc.substitute(e.request(), vars));
                String mismatch = ProtocolDoc.mismatch(Json.mapper().readTree(e.answer()), answer, "", vars);
                assertEquals(null, mismatch, "docs/protocol.md:" + e.line() + " answered " + answer);
            }
        } finally {
            try (var files = Files.walk(scratch)) {
                for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    @Test
    void theProtocolDocumentsEveryMethodInTheOrderTheDaemonDeclaresThem() throws Exception {
        List<String> documented = Files.readAllLines(Cli.ROOT.resolve("docs/protocol.md")).stream()
                .filter(l -> l.startsWith("| `") && l.contains("` | ")).map(l -> l.substring(3, l.indexOf('`', 3)))
                .filter(m -> m.contains(".")).toList();
        assertEquals(java.util.Arrays.stream(Method.values()).map(Method::wire).toList(), documented);
    }

    @Test
    void duplicateKeysANumericVersionInvalidUtf8AndBatchesAreRefusedAndNothingHappens() throws Exception {
        Path target = tmp.resolve("dup-must-not-exist.txt");
        String plan = Plans.plan(Plans.write("a1", target, "x"));
        // the last "method" would submit a plan; a lenient reader would take it
        JsonNode dup = raw("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"actions.list\",\"method\":\"plan.submit\",\"params\":{\"plan\":"
                + plan + "}}\n", false);
        JsonNode dupInParams = raw("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"plan.status\",\"params\":{\"plan_id\":\"a\",\"plan_id\":\"b\"}}\n", false);
        JsonNode number = raw("{\"jsonrpc\":2.0,\"id\":3,\"method\":\"actions.list\"}\n", false);
        JsonNode batch = raw("[{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"actions.list\"}]\n", false);
        java.io.ByteArrayOutputStream notUtf8 = new java.io.ByteArrayOutputStream();
        notUtf8.writeBytes("{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"plan.status\",\"params\":{\"plan_id\":\"".getBytes(StandardCharsets.UTF_8));
        notUtf8.writeBytes(new byte[] {(byte) 0xC3, (byte) 0x28});
        notUtf8.writeBytes("\"}}\n".getBytes(StandardCharsets.UTF_8));
        JsonNode utf8 = raw(notUtf8.toByteArray(), false);
        assertEquals(RpcError.INVALID_REQUEST, utf8.at("/error/code").asInt(), utf8.toString());
        assertTrue(utf8.at("/error/message").asText().startsWith("the request is not valid utf-8"), utf8.toString());
        assertEquals(List.of(RpcError.INVALID_REQUEST, RpcError.INVALID_REQUEST, RpcError.INVALID_REQUEST, RpcError.INVALID_REQUEST),
                List.of(dup.at("/error/code").asInt(), dupInParams.at("/error/code").asInt(), number.at("/error/code").asInt(),
                        batch.at("/error/code").asInt()), List.of(dup, dupInParams, number, batch).toString());
        assertTrue(dup.at("/error/message").asText().startsWith("duplicate key 'method'"), dup.toString());
        assertEquals("jsonrpc must be the string \"2.0\", got 2.0", number.at("/error/message").asText());
        assertTrue(Files.notExists(target), "nothing was submitted, let alone run");
    }

    @Test
    void aNotificationIsNotAnsweredAndHasNoEffect() throws Exception {
        String id;
        try (DaemonClient c = DaemonClient.connect(daemon.socket)) {
            id = c.call("plan.submit", submit(Plans.plan(Plans.exec("a1", "true")))).get("plan_id").asText();
        }
        // no id: a notification. the next line's answer is the first one that comes back
        JsonNode first = raw("{\"jsonrpc\":\"2.0\",\"method\":\"plan.execute\",\"params\":{\"plan_id\":\"" + id + "\"}}\n"
                + "{\"jsonrpc\":\"2.0\",\"id\":\"after\",\"method\":\"plan.status\",\"params\":{\"plan_id\":\"" + id + "\"}}\n", false);
        assertEquals("after", first.get("id").asText(), first.toString());
        assertEquals("decided", first.at("/result/plans/0/state").asText(), "the notification executed nothing: " + first);
    }
}
