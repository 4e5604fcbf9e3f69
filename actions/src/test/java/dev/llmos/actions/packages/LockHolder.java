package dev.llmos.actions.packages;

import org.junit.jupiter.api.Assumptions;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * another process holding a posix (fcntl) write lock on a file, as dpkg and apt hold theirs:
 * python3's fcntl.lockf is that call. the lock goes when the process does.
 */
final class LockHolder implements AutoCloseable {

    private static final String SCRIPT = """
            import fcntl, sys, time
            f = open(sys.argv[1], "a")
            fcntl.lockf(f, fcntl.LOCK_EX)
            print("locked", flush=True)
            time.sleep(120)
            """;

    private final Process process;

    LockHolder(Path file) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")),
                "python3 is not installed (apt-get install python3-minimal); it holds the lock");
        process = new ProcessBuilder("/usr/bin/python3", "-c", SCRIPT, file.toString()).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (!"locked".equals(line)) {
            process.destroyForcibly();
            throw new IllegalStateException("lock holder did not lock " + file + ": " + line);
        }
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws Exception {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }
}
