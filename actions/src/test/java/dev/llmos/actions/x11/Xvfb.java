package dev.llmos.actions.x11;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * a real x server for tests: Xvfb on a display number nobody uses, plus the clients a test starts
 * on it; closing it ends them all.
 */
public final class Xvfb implements AutoCloseable {

    public static final Duration PATIENCE = Duration.ofSeconds(20);

    private final Process server;
    private final String display;
    private final List<Process> clients = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();

    private Xvfb(Process server, String display) {
        this.server = server;
        this.display = display;
    }

    /** the debian package of each x program the tests run from /usr/bin. */
    private static final Map<String, String> PACKAGES = Map.of("Xvfb", "xvfb", "xdotool", "xdotool", "xev", "x11-utils",
            "xterm", "xterm", "xrandr", "x11-xserver-utils", "import", "imagemagick");

    /**
     * starts a {@code width}x{@code height} screen; skips the test, naming what to install, when Xvfb,
     * xdotool or one of the {@code clients} the test runs is not installed.
     */
    public static Xvfb start(int width, int height, String... clients) throws IOException, InterruptedException {
        List<String> needed = new ArrayList<>(List.of("Xvfb", "xdotool"));
        needed.addAll(List.of(clients));
        List<String> missing = needed.stream().filter(n -> !Files.isExecutable(Path.of("/usr/bin", n))).toList();
        Assumptions.assumeTrue(missing.isEmpty(), () -> "not installed: " + String.join(", ", missing) + " (apt-get install "
                + String.join(" ", missing.stream().map(n -> PACKAGES.getOrDefault(n, n)).distinct().toList()) + ")");
        // -displayfd: the server picks a free display number and writes it once it listens;
        // -noreset: it keeps its state when the last client leaves, so the next one finds it as it was
        Process p = new ProcessBuilder("/usr/bin/Xvfb", "-displayfd", "1", "-screen", "0", width + "x" + height + "x24",
                "-nolisten", "tcp", "-noreset").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String number = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        if (number == null || !number.strip().matches("[0-9]+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not start: it wrote " + number);
        }
        Xvfb x = new Xvfb(p, ":" + number.strip());
        x.awaitClients();
        return x;
    }

    /** waits until an x client can connect: under load the first connections can still be refused. */
    private void awaitClients() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            ProcessBuilder pb = new ProcessBuilder("/usr/bin/xdotool", "getmouselocation")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("DISPLAY", display);
            if (pb.start().waitFor() == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IOException("Xvfb on " + display + " accepts no clients within " + PATIENCE);
    }

    public String display() {
        return display;
    }

    /** starts an x client on this display, its output going to {@code output}; it ends with the server. */
    public Process client(Path output, String... argv) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(output.toFile());
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        clients.add(p);
        logs.add(output);
        return p;
    }

    /** runs an x client to its end and returns what it printed. */
    public String query(String... argv) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
        pb.environment().put("DISPLAY", display);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** waits until a window with this exact name is mapped; its id. */
    public String awaitWindow(String name) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        while (Instant.now().isBefore(deadline)) {
            String ids = query("/usr/bin/xdotool", "search", "--onlyvisible", "--name", "^" + name + "$").strip();
            if (!ids.isEmpty()) {
                return ids.lines().findFirst().orElseThrow();
            }
            Thread.sleep(100);
        }
        StringBuilder why = new StringBuilder();
        for (int i = 0; i < clients.size(); i++) {
            why.append("; client ").append(clients.get(i).info().command().orElse("?"))
                    .append(clients.get(i).isAlive() ? " running" : " exited " + clients.get(i).exitValue())
                    .append(", output: ").append(Files.exists(logs.get(i)) ? Files.readString(logs.get(i)).strip().replace("\n", " | ") : "none");
        }
        throw new IllegalStateException("no window named " + name + " appeared on " + display + " within " + PATIENCE + why);
    }

    /** waits until the file holds {@code expected} somewhere; its whole content either way. */
    public static String awaitContent(Path file, String expected) throws IOException, InterruptedException {
        return awaitContent(file, content -> content.contains(expected));
    }

    /** waits until the file's content passes {@code done}; its whole content either way. */
    public static String awaitContent(Path file, java.util.function.Predicate<String> done)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(PATIENCE);
        String content = "";
        while (Instant.now().isBefore(deadline)) {
            content = Files.exists(file) ? Files.readString(file) : "";
            if (done.test(content)) {
                return content;
            }
            Thread.sleep(100);
        }
        return content;
    }

    /** the environment a handler would inherit from a session on this display. */
    public Map<String, String> environment() {
        return Map.of("DISPLAY", display);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process c : clients) {
            c.destroyForcibly().waitFor();
        }
        server.destroy();
        if (!server.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly().waitFor();
        }
    }
}
