package dev.llmos.actions.posix;

import dev.llmos.engine.spi.Output;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * runs one system tool that an action package drives itself (apt-get, dnf, pacman, systemctl),
 * from argv with a fixed environment, stdin from /dev/null, in its own process group (through
 * setsid) so a timeout takes the whole tree down: TERM, two seconds' grace, then KILL. output is
 * captured up to a cap. the plan never contributes argv[0] or the environment here: handlers build
 * both from validated fields.
 */
public final class SystemCommand {

    /** the only PATH the tools get. */
    public static final String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    private static final long GRACE_MS = 2000;

    /** what a tool did; {@code exitCode} is -1 when it could not be started. */
    public record Result(List<String> argv, int exitCode, boolean timedOut, Output stdout, Output stderr, String startError) {

        public boolean ok() {
            return exitCode == 0 && !timedOut && startError == null;
        }

        /** one line for an outcome's error: what failed and the last line it said. */
        public String failure() {
            if (startError != null) {
                return "cannot run " + argv.get(0) + ": " + startError;
            }
            String last = stderr.tail(1).isBlank() ? stdout.tail(1) : stderr.tail(1);
            String what = String.join(" ", argv.subList(0, Math.min(argv.size(), 2)));
            return (timedOut ? what + " timed out; its process group was killed"
                    : what + " exited with " + exitCode) + (last.isBlank() ? "" : ": " + last.strip());
        }
    }

    private SystemCommand() {
    }

    /** the absolute path of {@code program} on {@link #SAFE_PATH}, or null. */
    public static Path find(String program) {
        for (String dir : SAFE_PATH.split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** the base environment every tool gets: a safe PATH, the C locale (output is parsed), HOME. */
    public static Map<String, String> baseEnvironment() {
        return Map.of("PATH", SAFE_PATH, "LC_ALL", "C", "LANG", "C", "HOME", System.getProperty("user.home", "/"));
    }

    /**
     * runs {@code argv} (argv[0] a program name looked up on {@link #SAFE_PATH}, or an absolute path)
     * with exactly {@code env}, killing its group after {@code timeoutSec}.
     */
    public static Result run(List<String> argv, Map<String, String> env, int timeoutSec, int maxOutputBytes) {
        List<String> command = new ArrayList<>();
        Path setsid = find("setsid");
        Path program = argv.get(0).startsWith("/") ? Path.of(argv.get(0)) : find(argv.get(0));
        if (program == null || !Files.isExecutable(program)) {
            return new Result(argv, -1, false, Output.EMPTY, Output.EMPTY, argv.get(0) + " not found on " + SAFE_PATH);
        }
        if (setsid == null) {
            return new Result(argv, -1, false, Output.EMPTY, Output.EMPTY, "setsid not found on " + SAFE_PATH);
        }
        command.add(setsid.toString());
        command.add(program.toString());
        command.addAll(argv.subList(1, argv.size()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        pb.directory(new File("/"));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new Result(argv, -1, false, Output.EMPTY, Output.EMPTY, e.getMessage());
        }
        long pgid = process.pid();
        Capture out = new Capture(process.getInputStream(), maxOutputBytes);
        Capture err = new Capture(process.getErrorStream(), maxOutputBytes);
        boolean timedOut = false;
        try {
            if (!process.waitFor(Math.max(1, timeoutSec), TimeUnit.SECONDS)) {
                timedOut = true;
                Posix.killGroup(pgid, Posix.SIGTERM);
                if (!process.waitFor(GRACE_MS, TimeUnit.MILLISECONDS)) {
                    Posix.killGroup(pgid, Posix.SIGKILL);
                }
            }
            int code = process.waitFor();
            return new Result(argv, code, timedOut, out.await(), err.await(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Posix.killGroup(pgid, Posix.SIGKILL);
            return new Result(argv, -1, true, out.output(), err.output(), "interrupted; process group killed");
        } finally {
            // a daemon a tool left behind in the group would hold the pipes open (a package's
            // postinst starting a service is detached by its init system, not by this group)
            Posix.killGroup(pgid, Posix.SIGKILL);
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    /** drains one stream on a virtual thread, keeping the first {@code cap} bytes. */
    private static final class Capture {
        private final int cap;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final Thread thread;
        private long total;

        Capture(InputStream in, int cap) {
            this.cap = Math.max(0, cap);
            this.thread = Thread.ofVirtual().start(() -> drain(in));
        }

        private void drain(InputStream in) {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) != -1) {
                    synchronized (this) {
                        int keep = Math.min(n, cap - kept.size());
                        if (keep > 0) {
                            kept.write(buf, 0, keep);
                        }
                        total += n;
                    }
                }
            } catch (IOException e) {
                // closed under us: what arrived is the result
            }
        }

        Output await() throws InterruptedException {
            thread.join(GRACE_MS);
            return output();
        }

        synchronized Output output() {
            return new Output(kept.toString(StandardCharsets.UTF_8), total, total > kept.size());
        }
    }
}
