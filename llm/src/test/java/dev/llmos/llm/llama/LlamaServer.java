package dev.llmos.llm.llama;

import dev.llmos.llm.Fixtures;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * the real llama.cpp llama-server from {@code ../shared/llama} (beside the clone in ci, /work/shared
 * here), with its tiny models of fixed behaviour (see its README). started on a free loopback port
 * with a small context and one thread, since the machines running the tests share few cores.
 */
final class LlamaServer implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(60);

    final int port;
    final Process process;
    final Path log;

    private LlamaServer(int port, Process process, Path log) {
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** the shared directory with bin/ and models/, if there is one. */
    static Optional<Path> home() {
        List<Path> candidates = new ArrayList<>();
        Optional.ofNullable(System.getenv("LLMOS_LLAMA_DIR")).map(Path::of).ifPresent(candidates::add);
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("llm"))) {
                candidates.add(dir.resolveSibling("shared/llama"));
                break;
            }
        }
        candidates.add(Path.of("/work/shared/llama"));
        return candidates.stream().filter(d -> Files.isExecutable(d.resolve("bin/llama-server"))).findFirst();
    }

    /** why the real server cannot run here, or empty when it can ({@code --version} exits 0). */
    static Optional<String> unavailable() {
        Optional<Path> home = home();
        if (home.isEmpty()) {
            return Optional.of("no llama-server in ../shared/llama or /work/shared/llama (set LLMOS_LLAMA_DIR)");
        }
        try {
            Process p = new ProcessBuilder(binary().toString(), "--version").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.of(binary() + " --version did not finish in 30 s");
            }
            return p.exitValue() == 0 ? Optional.empty()
                    : Optional.of(binary() + " --version exited " + p.exitValue() + " (built for another cpu?)");
        } catch (IOException | InterruptedException e) {
            return Optional.of(binary() + " cannot run: " + e.getMessage());
        }
    }

    static Path binary() {
        return home().orElseThrow().resolve("bin/llama-server");
    }

    static Path model(String name) {
        return home().orElseThrow().resolve("models/" + name + ".gguf");
    }

    /** the argv that serves {@code model} on {@code port} with context {@code ctx}. */
    static List<String> command(String model, int port, int ctx) {
        return List.of(binary().toString(), "-m", model(model).toString(), "--host", "127.0.0.1", "--port",
                Integer.toString(port), "-c", Integer.toString(ctx), "-t", "1");
    }

    static LlamaServer start(String model, int ctx, Path dir) throws IOException, InterruptedException {
        int port = Fixtures.closedPort();
        Path log = dir.resolve("llama-server-" + model + ".log");
        Process p = new ProcessBuilder(command(model, port, ctx)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        LlamaServer server = new LlamaServer(port, p, log);
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                throw new IllegalStateException("llama-server exited " + p.exitValue() + ": " + Files.readString(log));
            }
            if (server.get("/health").filter(b -> b.contains("ok")).isPresent()) {
                return server;
            }
            Thread.sleep(100);
        }
        server.close();
        throw new IllegalStateException("llama-server did not become healthy in " + READY.toSeconds() + " s");
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port + "/v1";
    }

    /** true once a slot is working on a request: the moment to pull the plug. */
    boolean generating() {
        return get("/slots").filter(b -> b.contains("\"is_processing\":true")).isPresent();
    }

    Optional<String> get(String path) {
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? Optional.of(r.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** the server's tokens for {@code text}, from its own tokenizer. */
    static int count(HttpClient http, int port, String text) throws IOException, InterruptedException {
        String body = dev.llmos.engine.json.Json.write(dev.llmos.engine.json.Json.mapper().createObjectNode().put("content", text));
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/tokenize"))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        return dev.llmos.engine.json.Json.mapper().readTree(r.body()).path("tokens").size();
    }

    @Override
    public void close() {
        Stream.concat(Stream.of(process.toHandle()), process.descendants()).forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
