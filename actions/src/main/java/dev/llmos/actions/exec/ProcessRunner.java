package dev.llmos.actions.exec;

import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.spi.Output;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * runs one command in its own process group and captures its output. the command must start with
 * setsid: the jvm's child is never a group leader, so setsid execs in place and the child's pid is
 * its process group id, which lets a timeout kill the whole tree, grandchildren included.
 */
public final class ProcessRunner {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessRunner.class);
    private static final Duration GRACE = Duration.ofSeconds(2);

    public record Result(int exitCode, boolean timedOut, Output stdout, Output stderr) {
    }

    private ProcessRunner() {
    }

    /** called with the pid right after the start; a command behind a gate waits for it (cgroup confinement). */
    @FunctionalInterface
    public interface Started {
        void accept(long pid) throws IOException;
    }

    public static Result run(List<String> command, Map<String, String> env, String cwd, int timeoutSec, int maxOutputBytes)
            throws IOException, InterruptedException {
        return run(command, env, cwd, timeoutSec, maxOutputBytes, pid -> { });
    }

    public static Result run(List<String> command, Map<String, String> env, String cwd, int timeoutSec, int maxOutputBytes,
                      Started started) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().clear();
        pb.environment().putAll(env);
        if (cwd != null) {
            pb.directory(new File(cwd));
        }
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = pb.start();
        long pgid = process.pid();
        try {
            started.accept(pgid);
        } catch (IOException | RuntimeException e) {
            // the command has not run anything of its own yet: it is still waiting at the gate
            process.destroyForcibly();
            process.waitFor();
            throw e;
        }
        StreamCapture out = StreamCapture.start("exec-stdout-" + pgid, process.getInputStream(), maxOutputBytes);
        StreamCapture err = StreamCapture.start("exec-stderr-" + pgid, process.getErrorStream(), maxOutputBytes);
        boolean timedOut = false;
        try {
            if (!process.waitFor(timeoutSec, TimeUnit.SECONDS)) {
                timedOut = true;
                Posix.killGroup(pgid, Posix.SIGTERM);
                if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                    Posix.killGroup(pgid, Posix.SIGKILL);
                    process.destroyForcibly();
                    process.waitFor();
                }
            }
        } finally {
            // whatever is left in the group (background children, or everything when we were
            // interrupted) would hold the pipes open: it goes with the main process. the group id
            // cannot name anyone else: linux never hands out a pid still in use as a group id, and
            // once the group is empty kill() just finds nothing

            if (Posix.killGroup(pgid, Posix.SIGKILL) && !timedOut) {
                LOG.debug("killed leftover processes of group {} after its leader exited", pgid);
            }
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
        int code = process.waitFor();
        return new Result(code, timedOut, collect(out, pgid), collect(err, pgid));
    }

    private static Output collect(StreamCapture capture, long pgid) throws InterruptedException {
        if (!capture.await(GRACE)) {
            // a descendant that left the group (its own setsid) still holds the pipe; we stop
            // waiting for it and report what arrived so far
            LOG.warn("output of process group {} is still held open by an escaped descendant; not waiting for it", pgid);
        }
        return capture.output();
    }
}
