package dev.llmos.llm.server;

import dev.llmos.llm.client.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * a local model server that runs only when prompted: started on the first request, polled until its
 * health url answers 200, kept warm for a window after the last request, then stopped with its whole
 * process tree. when something already answers on the health url, that server is used and never
 * started or stopped here.
 */
public final class ModelServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ModelServer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration GRACE = Duration.ofSeconds(5);

    /** launched servers' logs kept in the log directory, the newest ones. */
    static final int KEEP_LOGS = 5;

    private final List<String> command;
    private final Path logDir;
    private final URI health;
    private final Duration startTimeout;
    private final Duration warm;
    private final Progress progress;
    private final HttpClient http;
    private final ScheduledExecutorService timer;
    private final Thread shutdownHook;

    /** read without the lock by the shutdown hook, so ctrl-c during a long start is not held up. */
    private final AtomicReference<Process> current = new AtomicReference<>();
    private volatile Path log;
    private ScheduledFuture<?> pendingStop;
    private int active;
    private boolean hooked;

    /**
     * @param logDir where each launch's output goes ({@code model-server-*.log}, the last
     *               {@value #KEEP_LOGS} kept); created when missing
     */
    public ModelServer(List<String> command, URI health, Duration startTimeout, Duration warm, Progress progress, Path logDir) {
        if (command.isEmpty()) {
            throw new IllegalArgumentException("a model server needs a launch command");
        }
        this.command = List.copyOf(command);
        this.logDir = logDir;
        this.health = health;
        this.startTimeout = startTimeout;
        this.warm = warm;
        this.progress = progress;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmos-model-server-timer");
            t.setDaemon(true);
            return t;
        });
        // a crash or ctrl-c of llmsh must not leave a model server holding gigabytes of memory
        this.shutdownHook = new Thread(this::stopNow, "llmos-model-server-stop");
    }

    /** starts the server unless it (or another one on the health url) is up; blocks until healthy. */
    public synchronized void ensureRunning() {
        cancelStop();
        Process running = current.get();
        if (running != null && running.isAlive()) {
            return;
        }
        if (running != null && current.compareAndSet(running, null)) {
            LOG.warn("model server (pid {}) exited with code {}; starting it again", running.pid(), running.exitValue());
        }
        if (healthy()) {
            LOG.debug("a model server already answers at {}; not starting one", health);
            return;
        }
        start();
    }

    /** a request is in flight: the warm window must not stop the server under it. */
    public synchronized void busy() {
        active++;
        cancelStop();
    }

    /** a request ended; the server stops after the warm window unless another one comes. */
    public synchronized void idle() {
        active = Math.max(0, active - 1);
        if (active == 0 && current.get() != null && !timer.isShutdown()) {
            cancelStop();
            pendingStop = timer.schedule(this::stopIfIdle, warm.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** the server process this instance started, while it runs. */
    public Optional<ProcessHandle> process() {
        Process p = current.get();
        return p != null && p.isAlive() ? Optional.of(p.toHandle()) : Optional.empty();
    }

    /** where the server's output goes, once it was started. */
    public Optional<Path> log() {
        return Optional.ofNullable(log);
    }

    /** said after a failed request when the server this instance started has exited meanwhile. */
    public Optional<String> exited() {
        Process p = current.get();
        if (p == null || p.isAlive()) {
            return Optional.empty();
        }
        return Optional.of("; the launched model server (pid " + p.pid() + ") exited with code " + p.exitValue()
                + ", its log is " + log);
    }

    /** stops the server now, if this instance started it. */
    @Override
    public void close() {
        stopNow();
        timer.shutdownNow();
        synchronized (this) {
            if (hooked) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or about to: it stops the server itself
                }
                hooked = false;
            }
        }
    }

    private void start() {
        String program = command.get(0);
        if (!executable(program)) {
            throw new ModelException(ModelException.Kind.LAUNCH_FAILED, "cannot start the model server: " + program + (program.contains("/")
                    ? " is not an executable file" : " is not on PATH") + " (check the launch setting)");
        }
        progress.report("starting model server: " + String.join(" ", command));
        long t0 = System.nanoTime();
        try {
            log = ServerLogs.next(logDir, KEEP_LOGS);
            Process started = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            current.set(started);
            started.getOutputStream().close();
        } catch (IOException e) {
            stopNow();
            throw new ModelException(ModelException.Kind.LAUNCH_FAILED, "cannot start the model server " + program + ": "
                    + String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip() + " (check the launch setting)", e);
        }
        if (!hooked) {
            Runtime.getRuntime().addShutdownHook(shutdownHook);
            hooked = true;
        }
        Process process = current.get();
        LOG.info("model server started (pid {}), log {}", process.pid(), log);
        long deadline = t0 + startTimeout.toNanos();
        long nextNote = t0 + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                int code = process.exitValue();
                current.compareAndSet(process, null);
                throw new ModelException(ModelException.Kind.LAUNCH_FAILED, "the model server exited with code " + code + " before it was ready; its log "
                        + log + " ends with:\n" + tail(log));
            }
            if (healthy()) {
                progress.report(String.format("model server ready after %.1f s", (System.nanoTime() - t0) / 1e9));
                return;
            }
            if (System.nanoTime() > nextNote) {
                progress.report(String.format("waiting for the model server (%.0f s)", (System.nanoTime() - t0) / 1e9));
                nextNote += Duration.ofSeconds(5).toNanos();
            }
            sleep(POLL);
        }
        stopNow();
        throw new ModelException(ModelException.Kind.LAUNCH_FAILED, "the model server did not answer 200 at " + health + " within " + startTimeout.toSeconds()
                + " s (start_timeout_sec); it was stopped. its log is " + log);
    }

    private synchronized void stopIfIdle() {
        if (active == 0 && current.get() != null) {
            progress.report("stopping the model server after " + warm.toSeconds() + " s without requests");
            stopNow();
        }
    }

    /** terminates the server and everything it started, then kills what is left after a grace period. */
    private void stopNow() {
        Process p = current.getAndSet(null);
        if (p == null) {
            return;
        }
        List<ProcessHandle> tree = p.descendants().toList();
        LOG.info("stopping model server (pid {}, {} descendants)", p.pid(), tree.size());
        p.destroy();
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (ProcessHandle h : concat(p.toHandle(), tree)) {
            long left = deadline - System.nanoTime();
            try {
                h.onExit().get(Math.max(1, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException notYet) {
                h.destroyForcibly();
            } catch (InterruptedException e) {
                h.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static List<ProcessHandle> concat(ProcessHandle first, List<ProcessHandle> rest) {
        return Stream.concat(Stream.of(first), rest.stream()).toList();
    }

    private void cancelStop() {
        if (pendingStop != null) {
            pendingStop.cancel(false);
            pendingStop = null;
        }
    }

    private boolean healthy() {
        try {
            HttpRequest request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for the model server", e);
        }
    }

    /** checked first: the jdk's own message for a missing program differs between versions. */
    private static boolean executable(String program) {
        if (program.contains("/")) {
            return Files.isRegularFile(Path.of(program)) && Files.isExecutable(Path.of(program));
        }
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(":")) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir).resolve(program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return true;
            }
        }
        return false;
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while waiting for the model server", e);
        }
    }
}
