package dev.llmos.llm.client;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * runs one blocking model request and, while it is open, asks the server's health url whether it is
 * still there. a server that was killed resets the connection, which the request itself reports; one
 * that was terminated may keep the connection open and never answer (llama-server stops its work
 * queue but not the open request), so only the probe notices it: two failed probes in a row end the
 * request as {@link ModelException.Kind#SERVER_GONE} within a few seconds, however long timeout_sec is.
 * a probe failure counts only after the health url answered once: a wrong health_url must not end
 * every request.
 */
final class Watch {

    static final Duration EVERY = Duration.ofSeconds(2);
    private static final int MISSES = 2;

    private final ServerInfo server;
    private final String baseUrl;

    Watch(ServerInfo server, String baseUrl) {
        this.server = server;
        this.baseUrl = baseUrl;
    }

    <T> T call(Callable<T> request) {
        FutureTask<T> task = new FutureTask<>(request);
        Thread.ofVirtual().name("llmos-model-request").start(task);
        if (!server.answeredHealth()) {
            // once per client, beside the request, so a server that dies early in the first request is noticed too
            server.alive();
        }
        int misses = 0;
        try {
            while (true) {
                try {
                    return task.get(EVERY.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stillOpen) {
                    boolean knew = server.answeredHealth();
                    if (server.alive() || !knew) {
                        misses = 0;
                    } else if (++misses >= MISSES && !task.isDone()) {
                        task.cancel(true);
                        throw Failures.serverGone(baseUrl, "stopped answering (its health url " + server.health()
                                + " no longer answers)", null);
                    }
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ModelException(ModelException.Kind.SERVER_ERROR, "the request to the model server at " + baseUrl
                    + " failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new ModelException(ModelException.Kind.SERVER_ERROR, "interrupted while waiting for the model server at "
                    + baseUrl, e);
        }
    }
}
