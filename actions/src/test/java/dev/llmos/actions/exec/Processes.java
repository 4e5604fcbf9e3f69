package dev.llmos.actions.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.util.ArrayList;
import java.util.List;
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

    /**
     * running host processes whose command line has {@code marker} as an argument. a sandboxed
     * program sees its own pid namespace, so it cannot tell us host pids: tests give what they start
     * a unique argument (a sleep of an odd length) and look for it from outside.
     */
    static List<Long> withArgument(String marker) throws IOException {
        List<Long> found = new ArrayList<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    List<String> args = List.of(new String(Files.readAllBytes(proc.resolve("cmdline"))).split("\0"));
                    long pid = Long.parseLong(proc.getFileName().toString());
                    if (args.contains(marker) && running(pid)) {
                        found.add(pid);
                    }
                } catch (IOException e) {
                    // the process ended while we looked
                }
            }
        }
        return found;
    }

    /** waits a bounded time for every process with {@code marker} to be gone; what is still running after that. */
    static List<Long> survivors(String marker) throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (!withArgument(marker).isEmpty() && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        return withArgument(marker);
    }

    /** a sleep length no other process on the host uses. */
    static String marker() {
        return "1000." + java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
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
