package dev.llmos.actions.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** looks at processes through /proc, where a zombie counts as gone: it runs nothing any more. */
final class Processes {

    private Processes() {
    }

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** waits a bounded time for a killed process to be gone; the kill is asynchronous in the kernel. */
    static boolean gone(long pid) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (running(pid) && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return !running(pid);
    }
}
