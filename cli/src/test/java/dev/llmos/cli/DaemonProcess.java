package dev.llmos.cli;

import dev.llmos.daemon.SocketSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * a real llm-osd in its own jvm, started from this test run's class path, on a socket in a temp
 * dir, with the shipped policy. tests talk to it only through its socket, as clients would.
 */
final class DaemonProcess implements AutoCloseable {

    static final String JAVA = ProcessHandle.current().info().command().orElse("java");

    final Path dir;
    final Path socket;
    final Path state;
    final Path log;
    private final Process process;

    private DaemonProcess(Path dir, Path socket, Process process) {
        this.dir = dir;
        this.socket = socket;
        this.state = dir.resolve("state");
        this.log = dir.resolve("llm-osd.log");
        this.process = process;
    }

    /** the java command that runs a main class of this module with the test class path. */
    static List<String> java(String main) {
        return new ArrayList<>(List.of(JAVA, "--enable-native-access=ALL-UNNAMED",
                "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"), main));
    }

    /** the llm-osd arguments for a daemon whose files live under {@code dir}. */
    static List<String> args(Path dir, Path cache, String... serveArgs) {
        List<String> args = new ArrayList<>(List.of("--policy", Cli.SHIPPED_POLICY.toString(), "--state", dir.resolve("state").toString(),
                "--cache", cache.toString(), "--config", dir.resolve("config.json").toString(),
                "--socket", dir.resolve("run/llm-osd.sock").toString(), "serve"));
        args.addAll(List.of(serveArgs));
        return args;
    }

    static DaemonProcess start(Path dir, Path cache, String... serveArgs) throws IOException, InterruptedException {
        Files.createDirectories(dir.resolve("run"));
        if (!Files.exists(dir.resolve("config.json"))) {
            Files.writeString(dir.resolve("config.json"), "{}");
        }
        List<String> command = java("dev.llmos.cli.Llmosd");
        command.addAll(args(dir, cache, serveArgs));
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("llm-osd.log").toFile())).start();
        DaemonProcess d = new DaemonProcess(dir, dir.resolve("run/llm-osd.sock"), p);
        d.awaitListening();
        return d;
    }

    /** wraps a daemon some other way started (systemd-style socket hand-over). */
    static DaemonProcess adopt(Path dir, Path socket, Process p) throws IOException, InterruptedException {
        DaemonProcess d = new DaemonProcess(dir, socket, p);
        d.awaitListening();
        return d;
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("llm-osd exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            if (Files.exists(log) && Files.readString(log).contains("llm-osd: serving on") && SocketSetup.listening(socket)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("llm-osd did not start listening on " + socket + ":\n" + Files.readString(log));
    }

    Process process() {
        return process;
    }

    /** SIGKILL: no shutdown hook, no cleanup, as a crash or the oom killer would. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
