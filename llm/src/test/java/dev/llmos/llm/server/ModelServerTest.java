package dev.llmos.llm.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.llmos.llm.Fixtures;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the on-demand launcher, with a real second jvm as the model server. */
class ModelServerTest {

    private static final Duration START = Duration.ofSeconds(60);
    private final List<String> progress = Collections.synchronizedList(new ArrayList<>());
    @TempDir
    Path logs;

    private static List<String> javaServer(int port, String... flags) {
        List<String> argv = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElseThrow(),
                "-cp", System.getProperty("java.class.path"), HealthServerMain.class.getName(), Integer.toString(port)));
        argv.addAll(List.of(flags));
        return argv;
    }

    private static URI health(int port) {
        return URI.create("http://127.0.0.1:" + port + "/health");
    }

    /** a model that only proves the server answers while it is asked. */
    private static ModelClient probe(int port) {
        return new ModelClient() {
            @Override
            public String complete(List<Message> messages, ObjectNode schema) {
                try (HttpClient http = HttpClient.newHttpClient()) {
                    return http.send(HttpRequest.newBuilder(health(port)).build(), HttpResponse.BodyHandlers.ofString()).body();
                } catch (IOException | InterruptedException e) {
                    throw new AssertionError("the server was not up during the request", e);
                }
            }

            @Override
            public String describe() {
                return "probe";
            }
        };
    }

    private static void awaitGone(ProcessHandle handle) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (handle.isAlive() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        assertFalse(handle.isAlive(), "process " + handle.pid() + " is still running");
    }

    private List<String> progressShapes() {
        return progress.stream().map(l -> l.replaceAll("\\d+(\\.\\d+)? s", "N s").replaceAll("(starting model server: ).*", "$1...")).toList();
    }

    @Test
    void startsOnTheFirstRequestAndStopsItsWholeTreeAfterTheWarmWindow() throws IOException {
        int port = Fixtures.closedPort();
        ModelServer server = new ModelServer(javaServer(port, "--child"), health(port), START, Duration.ofMillis(300), progress::add, logs);
        try (OnDemandModel model = new OnDemandModel(probe(port), server)) {
            assertEquals("{\"status\":\"ok\"}", model.complete(List.of(), null));
            ProcessHandle process = server.process().orElseThrow();
            List<ProcessHandle> children = process.children().toList();
            assertEquals(1, children.size());

            awaitGone(process);
            awaitGone(children.get(0));
            assertEquals(List.of("starting model server: ...", "model server ready after N s",
                    "stopping the model server after N s without requests"), progressShapes());
            assertTrue(Files.readString(server.log().orElseThrow()).contains("listening on " + port));
        }
    }

    @Test
    void aSecondRequestWithinTheWindowUsesTheSameServerAndCloseStopsIt() {
        int port = Fixtures.closedPort();
        ModelServer server = new ModelServer(javaServer(port), health(port), START, Duration.ofMinutes(5), progress::add, logs);
        OnDemandModel model = new OnDemandModel(probe(port), server);
        model.complete(List.of(), null);
        ProcessHandle first = server.process().orElseThrow();
        model.complete(List.of(), null);
        assertEquals(first, server.process().orElseThrow());

        model.close();
        awaitGone(first);
        assertEquals(List.of("starting model server: ...", "model server ready after N s"), progressShapes());
    }

    @Test
    void aServerThatExitsBeforeItIsReadyIsReportedWithItsLog() {
        int port = Fixtures.closedPort();
        ModelServer server = new ModelServer(javaServer(port, "--fail"), health(port), START, Duration.ofMinutes(5), progress::add, logs);
        try (server) {
            ModelException e = assertThrows(ModelException.class, server::ensureRunning);
            assertEquals("the model server exited with code 3 before it was ready; its log " + server.log().orElseThrow()
                    + " ends with:\nloading model /models/missing.gguf\nerror: model file not found", e.getMessage());
            assertEquals(java.util.Optional.empty(), server.process());
        }
    }

    @Test
    void aMissingProgramIsAClearError() {
        ModelServer server = new ModelServer(List.of("/nonexistent/llama-server", "-m", "x.gguf"), health(Fixtures.closedPort()),
                START, Duration.ofMinutes(5), progress::add, logs);
        try (server) {
            ModelException e = assertThrows(ModelException.class, server::ensureRunning);
            assertEquals("cannot start the model server: /nonexistent/llama-server is not an executable file"
                    + " (check the launch setting)", e.getMessage());
        }
    }

    @Test
    void aProgramNotOnPathIsAClearError() {
        ModelServer server = new ModelServer(List.of("llama-server-that-is-not-installed"), health(Fixtures.closedPort()),
                START, Duration.ofMinutes(5), progress::add, logs);
        try (server) {
            ModelException e = assertThrows(ModelException.class, server::ensureRunning);
            assertEquals("cannot start the model server: llama-server-that-is-not-installed is not on PATH"
                    + " (check the launch setting)", e.getMessage());
        }
    }

    @Test
    void aServerAlreadyAnsweringIsUsedAndNeitherStartedNorStopped() throws IOException {
        HttpServer running = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        running.createContext("/health", ex -> {
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        running.start();
        int port = running.getAddress().getPort();
        try (ModelServer server = new ModelServer(List.of("/nonexistent/llama-server"), health(port), START,
                Duration.ofMillis(10), progress::add, logs)) {
            server.ensureRunning();
            assertEquals(java.util.Optional.empty(), server.process());
            assertEquals(List.of(), progress);
        } finally {
            running.stop(0);
        }
    }

    @Test
    void aServerThatNeverBecomesHealthyIsStoppedAtTheStartTimeout() {
        int port = Fixtures.closedPort();
        int otherPort = Fixtures.closedPort();
        ModelServer server = new ModelServer(javaServer(otherPort), health(port), Duration.ofSeconds(2), Duration.ofMinutes(5),
                progress::add, logs);
        try (server) {
            ModelException e = assertThrows(ModelException.class, server::ensureRunning);
            assertEquals("the model server did not answer 200 at " + health(port) + " within 2 s (start_timeout_sec); it was"
                    + " stopped. its log is " + server.log().orElseThrow(), e.getMessage());
            assertEquals(java.util.Optional.empty(), server.process());
        }
    }
}
