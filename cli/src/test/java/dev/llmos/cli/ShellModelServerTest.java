package dev.llmos.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** a model server started on demand: once for the whole shell session, said so on stderr, stopped with the shell. */
class ShellModelServerTest {

    private static final Path TMP = Path.of(System.getProperty("java.io.tmpdir"));

    @TempDir
    Path tmp;

    private final Set<Path> serverLogsBefore = new HashSet<>();

    @BeforeEach
    void noteServerLogs() throws IOException {
        serverLogsBefore.addAll(serverLogs());
    }

    @AfterEach
    void removeOurServerLog() throws IOException {
        for (Path log : serverLogs()) {
            if (!serverLogsBefore.contains(log)) {
                Files.deleteIfExists(log);
            }
        }
    }

    @Test
    void aServerStartedOnDemandServesEveryPromptOfTheSessionAndStopsWithIt() throws IOException {
        int port = ModelAnswers.closedPort();
        ObjectNode config = Json.mapper().createObjectNode();
        config.put("base_url", "http://127.0.0.1:" + port + "/v1").put("warm_sec", 600).put("start_timeout_sec", 90);
        ArrayNode launch = config.putArray("launch");
        DaemonProcess.java(ModelServerMain.class.getName()).forEach(launch::add);
        launch.add(Integer.toString(port)).add("hello from the launched server");
        Path file = Files.writeString(tmp.resolve("llm.json"), Json.pretty(config));

        Cli.Result r = Cli.in(tmp).person("say hello\nand again\n:q\n").run("shell", "--llm-config", file.toString());

        assertEquals(0, r.code(), r.err());
        List<String> progress = r.err().lines().map(l -> l.replaceAll("[0-9.]+ s$", "N s"))
                .map(l -> l.startsWith("llmsh: starting model server: ") ? "llmsh: starting model server: ..." : l)
                // how often "waiting" is said depends on how long the start takes
                .filter(l -> !l.startsWith("llmsh: waiting for the model") && !l.startsWith("llmsh: still waiting")).toList();
        assertEquals(List.of("llmsh: starting model server: ...", "llmsh: model server ready after N s"), progress);
        assertEquals(2, r.out().lines().filter(l -> l.equals("llmsh> answer: hello from the launched server")).count(), r.out());
        assertFalse(listening(port), "the server stops when the shell ends, whatever its warm window");
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Set<Path> serverLogs() throws IOException {
        Set<Path> logs = new HashSet<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(TMP, "llmos-model-server-*.log")) {
            dir.forEach(logs::add);
        }
        return logs;
    }
}
