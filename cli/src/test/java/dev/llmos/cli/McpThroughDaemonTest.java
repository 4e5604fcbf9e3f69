package dev.llmos.cli;

import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static dev.llmos.cli.McpServerTest.call;
import static dev.llmos.cli.McpServerTest.structured;
import static dev.llmos.cli.McpServerTest.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * llmsh mcp without --embedded, with a real llm-osd answering on a socket in a temp dir: calls are
 * decided, run and audited by the daemon, as llmsh run's would be.
 */
class McpThroughDaemonTest {

    @TempDir
    static Path tmp;
    static DaemonProcess daemon;
    static McpSyncClient client;

    @BeforeAll
    static void start() throws Exception {
        TinyPolicy.in(tmp.resolve("policy"));
        TinyPolicy.write(tmp.resolve("policy"), "mcp.drl", McpServerTest.MCP_POLICY);
        Path dir = tmp.resolve("daemon");
        Files.createDirectories(dir.resolve("run"));
        Files.writeString(Files.createDirectories(tmp.resolve("daemon-conf")).resolve("config.json"), "{}");
        List<String> command = new ArrayList<>(DaemonProcess.java("dev.llmos.cli.Llmosd"));
        command.addAll(List.of("--policy", tmp.resolve("policy").toString(), "--state", dir.resolve("state").toString(),
                "--cache", tmp.resolve("cache").toString(), "--config", tmp.resolve("daemon-conf/config.json").toString(),
                "--socket", dir.resolve("run/llm-osd.sock").toString(), "serve"));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("llm-osd.log").toFile())).start();
        daemon = DaemonProcess.adopt(dir, dir.resolve("run/llm-osd.sock"), p);
        client = McpServerTest.connect(tmp, "client", List.of("--socket", daemon.socket.toString()), McpClient.SyncSpec::build);
        client.initialize();
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (client != null) {
            client.closeGracefully();
        }
        if (daemon != null) {
            daemon.close();
        }
    }

    @Test
    void anAllowedReadRunsInTheDaemonAndIsInItsAuditLog() throws Exception {
        Path file = Files.writeString(Files.createDirectories(tmp.resolve("work")).resolve("note.txt"), "through llm-osd\n");
        McpSchema.CallToolResult r = call(client, "read_file", Map.of("path", file.toString()));
        assertFalse(r.isError(), text(r));
        assertEquals("completed", structured(r).get("status"));
        assertTrue(text(r).contains("through llm-osd"), text(r));
        String digest = (String) structured(r).get("plan_digest");
        assertTrue(Files.readString(daemon.state.resolve("audit.jsonl")).contains(digest));
        assertFalse(Files.exists(tmp.resolve("client/state/audit.jsonl"))
                && Files.readString(tmp.resolve("client/state/audit.jsonl")).contains(digest));
    }

    @Test
    void aDeniedCallIsRefusedByTheDaemonWithItsRule() throws Exception {
        Path victim = Files.createDirectories(tmp.resolve("work/victim"));
        McpSchema.CallToolResult r = call(client, "exec", Map.of("argv", List.of("rm", "-rf", victim.toString())));
        assertTrue(r.isError());
        assertTrue(text(r).contains("by rule t.rm-rf: deletes recursively"), text(r));
        assertTrue(Files.isDirectory(victim));
    }
}
