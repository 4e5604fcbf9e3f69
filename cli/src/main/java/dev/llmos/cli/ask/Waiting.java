package dev.llmos.cli.ask;

import dev.llmos.llm.server.Progress;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * shows on stderr that llmsh is waiting for the model, so a slow answer never looks like a frozen
 * prompt: a spinner when a person watches a terminal, otherwise a plain line once the wait is long
 * enough to wonder about (logs and ci get no carriage returns). lines from a model server being
 * started go through here too, so they do not tear the spinner.
 */
final class Waiting implements Progress, AutoCloseable {

    private static final String[] FRAMES = {"-", "\\", "|", "/"};
    private static final long SPIN_MS = 120;
    private static final long QUIET_MS = 2_000;
    private static final long EVERY_MS = 10_000;

    private final PrintWriter err;
    private final boolean spin;
    private final ScheduledExecutorService timer;
    private ScheduledFuture<?> ticking;
    private String what = "";
    private long since;
    private int ticks;
    private boolean drawn;

    private Waiting(PrintWriter err, boolean spin) {
        this.err = err;
        this.spin = spin;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "llmsh-waiting");
            t.setDaemon(true);
            return t;
        });
    }

    /** a spinner only when a person answers on stdin and stderr is a terminal too. */
    static Waiting on(PrintWriter err, boolean interactive) {
        return new Waiting(err, interactive && stderrIsTerminal());
    }

    synchronized void start(String waitingFor) {
        stopTicking();
        what = waitingFor;
        since = System.nanoTime();
        ticks = 0;
        ticking = spin ? timer.scheduleAtFixedRate(this::tick, SPIN_MS, SPIN_MS, TimeUnit.MILLISECONDS)
                : timer.scheduleAtFixedRate(this::tick, QUIET_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    synchronized void stop() {
        stopTicking();
        clear();
        err.flush();
    }

    @Override
    public synchronized void report(String line) {
        clear();
        err.println("llmsh: " + line);
        err.flush();
    }

    @Override
    public void close() {
        stop();
        timer.shutdownNow();
    }

    private synchronized void tick() {
        if (ticking == null) {
            // stopped while this tick waited for the lock
            return;
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - since);
        if (spin) {
            err.print("\r" + FRAMES[ticks % FRAMES.length] + " " + what + ", " + seconds + " s");
            drawn = true;
        } else {
            err.println("llmsh: " + (ticks == 0 ? "" : "still ") + what + ", " + seconds + " s");
        }
        ticks++;
        err.flush();
    }

    private void stopTicking() {
        if (ticking != null) {
            ticking.cancel(false);
            ticking = null;
        }
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            drawn = false;
        }
    }

    /** whether fd 2 is a terminal; as for stdin in {@code Io}, linux says so in /proc. */
    private static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
