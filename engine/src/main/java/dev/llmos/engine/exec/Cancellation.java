package dev.llmos.engine.exec;

import java.util.function.Supplier;

/**
 * how a run is stopped from outside (ctrl-c, plan.cancel, the daemon stopping). cancelling marks
 * the run, so no further step starts, and interrupts the thread only while it is inside a step's
 * handler: exec handlers then kill their process group and return. the interrupt never lands in the
 * executor's own journal or audit writes, which an interrupt would break.
 */
public final class Cancellation {

    private boolean cancelled;
    private Thread inStep;

    /** a cancellation for a run nobody can cancel. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public synchronized void cancel() {
        cancelled = true;
        if (inStep != null) {
            inStep.interrupt();
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** runs one step's handler where a cancel can interrupt it; the interrupt is cleared afterwards. */
    <T> T during(Supplier<T> step) {
        synchronized (this) {
            inStep = Thread.currentThread();
            if (cancelled) {
                inStep.interrupt();
            }
        }
        try {
            return step.get();
        } finally {
            synchronized (this) {
                inStep = null;
                Thread.interrupted();
            }
        }
    }
}
