package dev.llmos.cli.run;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * ctrl-c (SIGINT) and SIGTERM while a plan runs: instead of leaving the step's processes running
 * and nothing undone, the run is cancelled (its step stopped, its recovery run, all audited) and the
 * process exits 130 once the results are printed. before any step runs (at a question) it just exits.
 * a shutdown hook, so no internal signal api is needed: the jvm waits for it before exiting.
 */
public final class CtrlC implements AutoCloseable {

    /** how long a cancelled run may take to stop its step and recover before the process exits anyway. */
    private static final long GRACE_SEC = 120;

    private final PrintWriter err;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile Runnable cancel;

    private CtrlC(PrintWriter err) {
        this.err = err;
        this.hook = new Thread(this::interrupted, "llmsh-ctrl-c");
    }

    public static CtrlC install(PrintWriter err) {
        CtrlC c = new CtrlC(err);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    /** from now on steps may run: an interrupt cancels through {@code cancel}. */
    public void executing(Runnable cancel) {
        this.cancel = cancel;
    }

    private void interrupted() {
        Runnable c = cancel;
        if (c == null) {
            return;
        }
        err.println();
        err.println("llmsh: interrupted: stopping the running step, then running the recovery");
        err.flush();
        try {
            c.run();
            finished.await(GRACE_SEC, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            err.println("llmsh: could not cancel: " + e.getMessage());
            err.flush();
        }
    }

    /** the results are out: an interrupted process may exit now. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it returns now that the results are out
        }
    }
}
