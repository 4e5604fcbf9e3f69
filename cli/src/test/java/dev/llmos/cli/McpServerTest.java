package dev.llmos.cli;

import dev.llmos.engine.registry.ActionRegistry;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * a real {@code llmsh mcp} process driven by the mcp sdk's own client over stdio, embedded, with a
 * small policy and its state in temp dirs. the server runs under setsid, so it has no controlling
 * terminal: a CONFIRM call can be asked about only through elicitation.
 */
class McpServerTest {

    static final String MCP_POLICY = """
            package tinymcp;
            import dev.llmos.actions.exec.Exec;
            import dev.llmos.actions.files.ReadFile;
            import dev.llmos.cli.mcpprobe.Probe;
            global dev.llmos.rules.PolicyActions policy;

            rule "reads run" @id("t.read") @justification("reading changes nothing")
            when $a : ReadFile() then policy.allow($a, "reads a file"); end

            rule "probes run" @id("t.probe") @justification("a probe only echoes")
            when $a : Probe() then policy.allow($a, "echoes a note"); end

            rule "rm may change the directories of the paths it names" @id("t.rm-scope")
                @justification("a person approves rm together with the paths it names")
            when $a : Exec(program == "rm") $p : String() from $a.pathArgs
            then policy.grantWrite($a, new java.io.File($p).getParent()); end
            """;

    @TempDir
    static Path tmp;
    static McpSyncClient client;

    @BeforeAll
    static void startServer() throws Exception {
        TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(tmp.resolve("policy"), "mcp.drl", MCP_POLICY);
        client = connect("plain", McpClient.SyncSpec::build);
        client.initialize();
    }

    @AfterAll
    static void stopServer() {
        if (client != null) {
            client.closeGracefully();
        }
    }

    /** a client of a fresh embedded llmsh mcp process whose files live under tmp/NAME. */
    static McpSyncClient connect(String name, Function<McpClient.SyncSpec, McpSyncClient> build) throws URISyntaxException {
        return connect(tmp, name, List.of("--embedded"), build);
    }

    /** a client of a fresh llmsh mcp process, embedded or not as {@code where} says, its files under dir/NAME. */
    static McpSyncClient connect(Path dir, String name, List<String> where, Function<McpClient.SyncSpec, McpSyncClient> build)
            throws URISyntaxException {
        List<String> args = new ArrayList<>(List.of(DaemonProcess.JAVA, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path") + ":" + extraServices(), "dev.llmos.cli.Llmsh", "mcp"));
        args.addAll(where);
        args.addAll(List.of("--policy", dir.resolve("policy").toString(),
                "--state", dir.resolve(name + "/state").toString(), "--cache", dir.resolve("cache").toString(),
                "--config", dir.resolve("conf/none.json").toString()));
        try {
            Files.createDirectories(dir.resolve("conf"));
            Files.writeString(dir.resolve("conf/none.json"), "{}");
            Files.writeString(dir.resolve("conf/llm.json"), "{\"redact\": [\"sekrit-[0-9]+\"]}");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        ServerParameters server = ServerParameters.builder(Files.isExecutable(Path.of("/usr/bin/setsid")) ? "/usr/bin/setsid" : "setsid")
                .args(args).addEnvVar("LLMOS_LLM_CONFIG", dir.resolve("conf/llm.json").toString()).build();
        StdioClientTransport transport = new StdioClientTransport(server, McpJsonDefaults.getMapper());
        McpClient.SyncSpec spec = McpClient.sync(transport)
                .clientInfo(new McpSchema.Implementation("llmos-test", "1"))
                .initializationTimeout(Duration.ofMinutes(3))
                .requestTimeout(Duration.ofMinutes(2));
        return build.apply(spec);
    }

    /** the folder whose services file registers the probe action, seen by the server process only. */
    static String extraServices() throws URISyntaxException {
        var url = McpServerTest.class.getResource("/mcp-extra/META-INF/services/dev.llmos.engine.spi.ActionHandler");
        return Path.of(url.toURI()).getParent().getParent().getParent().toString();
    }

    /** where the files the calls act on live: apart from the policy, config and state, which no plan may touch. */
    static Path work(String name) throws IOException {
        return Files.createDirectories(tmp.resolve("work")).resolve(name);
    }

    static McpSchema.CallToolResult call(McpSyncClient c, String tool, Map<String, Object> args) {
        return c.callTool(new McpSchema.CallToolRequest(tool, args));
    }

    static String text(McpSchema.CallToolResult r) {
        return r.content().stream().map(c -> ((McpSchema.TextContent) c).text()).collect(Collectors.joining("\n"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> structured(McpSchema.CallToolResult r) {
        return (Map<String, Object>) r.structuredContent();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> firstAction(McpSchema.CallToolResult r) {
        return ((List<Map<String, Object>>) structured(r).get("actions")).getFirst();
    }

    @Test
    void negotiatesProtocol2025_06_18OrNewer() {
        String version = client.getCurrentInitializationResult().protocolVersion();
        assertTrue(version.compareTo("2025-06-18") >= 0, version);
        assertEquals("llm-os", client.getServerInfo().name());
    }

    @Test
    void listsOneToolPerActionTypePlusPlanAndExplain() {
        Set<String> expected = new TreeSet<>(ActionRegistry.discover().types());
        expected.addAll(List.of("mcp_probe", "plan", "explain"));
        Map<String, McpSchema.Tool> tools = client.listTools().tools().stream()
                .collect(Collectors.toMap(McpSchema.Tool::name, t -> t));
        assertEquals(expected, new TreeSet<>(tools.keySet()));
        McpSchema.ToolAnnotations read = tools.get("read_file").annotations();
        assertEquals(List.of(true, false, true), List.of(read.readOnlyHint(), read.destructiveHint(), read.idempotentHint()));
        McpSchema.ToolAnnotations write = tools.get("write_file").annotations();
        assertEquals(List.of(false, false), List.of(write.readOnlyHint(), write.idempotentHint()));
        assertEquals(List.of("path"), tools.get("read_file").inputSchema().get("required"));
    }

    @Test
    void anAllowedReadReturnsTheFileAndIsAudited() throws IOException {
        Path file = Files.writeString(work("motd.txt"), "hello from a temp file\n");
        McpSchema.CallToolResult r = call(client, "read_file", Map.of("path", file.toString(), "reason", "show the motd"));
        assertFalse(r.isError(), text(r));
        assertEquals("completed", structured(r).get("status"));
        @SuppressWarnings("unchecked")
        Map<String, Object> result = (Map<String, Object>) firstAction(r).get("result");
        assertEquals("hello from a temp file\n", ((Map<?, ?>) result.get("data")).get("content"));
        assertTrue(text(r).contains("hello from a temp file"), text(r));
        assertTrue(Files.readString(tmp.resolve("plain/state/audit.jsonl")).contains((String) structured(r).get("plan_digest")));
    }

    @Test
    void secretsInResultsAreRedactedAsForThePlanner() throws IOException {
        Path file = Files.writeString(work("app.env"), "password=hunter2\nticket sekrit-42\n");
        McpSchema.CallToolResult r = call(client, "read_file", Map.of("path", file.toString()));
        assertFalse(r.isError(), text(r));
        for (String secret : List.of("hunter2", "sekrit-42")) {
            assertFalse(text(r).contains(secret), text(r));
            assertFalse(structured(r).toString().contains(secret), structured(r).toString());
        }
        assertTrue(text(r).contains("password=[REDACTED]\\nticket [REDACTED]"), text(r));
    }

    @Test
    void aDeniedCallRunsNothingAndNamesTheRuleAndTheAlternative() throws IOException {
        Path victim = Files.createDirectories(work("victim-dir"));
        McpSchema.CallToolResult r = call(client, "exec", Map.of("argv", List.of("rm", "-rf", victim.toString())));
        assertTrue(r.isError());
        assertEquals("denied", structured(r).get("status"));
        assertTrue(text(r).contains("by rule t.rm-rf: deletes recursively"), text(r));
        assertTrue(text(r).contains("safer alternative: delete the files one by one"), text(r));
        assertTrue(Files.isDirectory(victim));
    }

    @Test
    void aConfirmCallWithNobodyToAskIsRefusedAndRunsNothing() throws IOException {
        Path victim = Files.writeString(work("victim.txt"), "keep me");
        McpSchema.CallToolResult r = call(client, "exec", Map.of("argv", List.of("rm", victim.toString())));
        assertTrue(r.isError());
        assertEquals("not_approved", structured(r).get("status"));
        assertTrue(text(r).contains("nobody could be asked"), text(r));
        assertTrue(text(r).contains("llmsh run"), text(r));
        assertTrue(Files.exists(victim));
    }

    @Test
    void theAgentCannotApproveByItsOwnSaySo() throws IOException {
        Path victim = Files.writeString(work("victim2.txt"), "keep me");
        McpSchema.CallToolResult r = call(client, "exec", Map.of("argv", List.of("rm", victim.toString()), "approved", true));
        assertTrue(r.isError());
        assertEquals("invalid", structured(r).get("status"));
        assertTrue(text(r).contains("approved"), text(r));
        assertTrue(Files.exists(victim));
    }

    @Test
    void badArgumentsGetASchemaErrorNamingTheField() {
        McpSchema.CallToolResult r = call(client, "read_file", Map.of("path", 3));
        assertTrue(r.isError());
        assertEquals(List.of(Map.of("field", "path", "message", "expected string, got integer")), structured(r).get("errors"));
    }

    @Test
    void aNewActionTypeIsAToolThatRuns() {
        McpSchema.Tool probe = client.listTools().tools().stream().filter(t -> t.name().equals("mcp_probe")).findFirst().orElseThrow();
        assertEquals(List.of("note"), probe.inputSchema().get("required"));
        assertTrue(probe.annotations().readOnlyHint());
        McpSchema.CallToolResult r = call(client, "mcp_probe", Map.of("note", "ping"));
        assertFalse(r.isError(), text(r));
        assertEquals(Map.of("echo", "ping"), firstAction(r).get("result") instanceof Map<?, ?> m ? m.get("data") : null);
    }

    @Test
    void explainSaysHowAPlanWouldBeDecidedAndRunsNothing() throws IOException {
        Path victim = Files.writeString(work("victim3.txt"), "keep me");
        Map<String, Object> plan = Map.of("version", 1, "mode", "actionplan", "goal", "tidy up", "actions", List.of(
                Map.of("id", "r", "type", "read_file", "path", victim.toString(), "reason", "look first"),
                Map.of("id", "d", "type", "exec", "argv", List.of("rm", victim.toString()), "reason", "then delete")));
        McpSchema.CallToolResult r = call(client, "explain", plan);
        assertFalse(r.isError(), text(r));
        assertEquals("confirm", structured(r).get("verdict"));
        assertTrue(text(r).contains("t.rm"), text(r));
        assertTrue(Files.exists(victim));
    }

    @Test
    void aConfirmCallIsAskedThroughElicitationAndRunsOnlyWhenThePersonApproves() throws Exception {
        Path keep = Files.writeString(work("keep.txt"), "keep me");
        Path remove = Files.writeString(work("remove.txt"), "remove me");
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.atomic.AtomicBoolean approve = new java.util.concurrent.atomic.AtomicBoolean();
        McpSyncClient person = connect("elicit", spec -> spec
                .capabilities(McpSchema.ClientCapabilities.builder().elicitation().build())
                .elicitation(request -> {
                    asked.add(request.message());
                    return new McpSchema.ElicitResult(McpSchema.ElicitResult.Action.ACCEPT, Map.of("approve", approve.get()));
                })
                .build());
        try {
            person.initialize();
            McpSchema.CallToolResult declined = call(person, "exec", Map.of("argv", List.of("rm", keep.toString())));
            assertEquals("not_approved", structured(declined).get("status"), text(declined));
            assertTrue(Files.exists(keep));

            approve.set(true);
            McpSchema.CallToolResult approved = call(person, "exec", Map.of("argv", List.of("rm", remove.toString())));
            assertEquals("completed", structured(approved).get("status"), text(approved));
            assertFalse(Files.exists(remove));
            assertEquals(2, asked.size());
            assertTrue(asked.get(1).contains("policy rule t.rm asks a person first: rm deletes"), asked.get(1));
        } finally {
            person.closeGracefully();
        }
    }

    @Test
    void aPlanRunsItsActionsInOrderAsOneRun() throws IOException {
        Path first = Files.writeString(work("first.txt"), "one");
        Path second = Files.writeString(work("second.txt"), "two");
        Map<String, Object> plan = Map.of("version", 1, "mode", "actionplan", "goal", "read both", "actions", List.of(
                Map.of("id", "one", "type", "read_file", "path", first.toString(), "reason", "first"),
                Map.of("id", "two", "type", "read_file", "path", second.toString(), "reason", "second")));
        McpSchema.CallToolResult r = call(client, "plan", plan);
        assertFalse(r.isError(), text(r));
        assertEquals("completed: all 2 actions ran", structured(r).get("summary"));
    }

    @Test
    void anUnknownConfirmModeIsBadInput(@TempDir Path dir) {
        Cli.Result r = Cli.in(dir).run("mcp", "--confirm", "maybe");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--confirm must be one of auto, elicit, tty, never; got maybe"), r.err());
    }

    @Test
    void aPolicyThatDoesNotCompileEndsTheServerWithItsErrorAndExit2(@TempDir Path dir) throws Exception {
        TinyPolicy.write(dir.resolve("policy"), "broken.drl", "package broken;\nrule \"no end\" when then\n");
        Process p = new ProcessBuilder(DaemonProcess.JAVA, "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.llmos.cli.Llmsh", "mcp", "--embedded", "--policy", dir.resolve("policy").toString(),
                "--state", dir.resolve("state").toString(), "--cache", dir.resolve("cache").toString())
                .redirectError(dir.resolve("err").toFile()).start();
        // stdin stays open, as a client's would: the server ends by itself
        assertTrue(p.waitFor(3, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(2, p.exitValue());
        assertTrue(Files.readString(dir.resolve("err")).contains("broken.drl"), Files.readString(dir.resolve("err")));
        p.getOutputStream().close();
    }
}
