package dev.llmos.actions.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * sleep processes with a command name no other process on the machine has: a copy of sleep under
 * a random name, so acting "by name" can only ever reach the test's own children.
 */
final class Sleepers implements AutoCloseable {

    final String name;
    private final Path program;
    private final List<Process> started = new ArrayList<>();

    Sleepers(Path dir) throws IOException {
        name = "llmos-t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        program = dir.resolve(name);
        Files.copy(Path.of("/bin/sleep"), program, StandardCopyOption.COPY_ATTRIBUTES);
    }

    Process start() throws IOException {
        Process p = new ProcessBuilder(program.toString(), "300").start();
        started.add(p);
        return p;
    }

    /** waits a bounded time for the process to have exited; the kernel delivers signals asynchronously. */
    static boolean exits(Process p) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (p.isAlive() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return !p.isAlive();
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
    }
}
