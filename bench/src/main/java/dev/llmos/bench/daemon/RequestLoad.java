package dev.llmos.bench.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.daemon.client.DaemonClient;
import dev.llmos.daemon.client.Method;
import dev.llmos.daemon.client.Params;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * sends llm-osd a mix of requests over fresh connections, as many clients would (scripts/bench-rss):
 * every {@code --exec-every}th request is plan.submit + plan.execute of {@code exec true}, the rest
 * alternate plan.status, actions.list and audit.tail. prints one line per thousand requests.
 *
 * <pre>RequestLoad --socket S [--requests 10000] [--exec-every 10]</pre>
 */
public final class RequestLoad {

    private RequestLoad() {
    }

    public static void main(String[] args) throws IOException {
        Path socket = null;
        int requests = 10_000;
        int execEvery = 10;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--socket" -> socket = Path.of(args[++i]);
                case "--requests" -> requests = Integer.parseInt(args[++i]);
                case "--exec-every" -> execEvery = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (socket == null) {
            throw new IllegalArgumentException("--socket is required");
        }
        PrintStream out = System.out;
        JsonNode plan = Json.mapper().readTree("{\"version\": 1, \"mode\": \"actionplan\", \"goal\": \"rss\", \"actions\": "
                + "[{\"id\": \"a1\", \"type\": \"exec\", \"argv\": [\"true\"], \"timeout_sec\": 10, \"reason\": \"rss\"}]}");
        long start = System.nanoTime();
        int execs = 0;
        for (int n = 1; n <= requests; n++) {
            try (DaemonClient c = DaemonClient.connect(socket)) {
                if (n % execEvery == 0) {
                    JsonNode decided = c.call(Method.PLAN_SUBMIT, new Params.Submit(plan));
                    JsonNode ran = c.call(Method.PLAN_EXECUTE, new Params.Execute(decided.path("plan_id").asText(), null));
                    if (!"completed".equals(ran.path("status").asText())) {
                        throw new IllegalStateException("exec true did not complete: " + ran);
                    }
                    execs++;
                } else {
                    switch (n % 3) {
                        case 0 -> c.call(Method.PLAN_STATUS, new Params.Status(null));
                        case 1 -> c.call(Method.ACTIONS_LIST, new Params.None());
                        default -> c.call(Method.AUDIT_TAIL, new Params.Tail(5));
                    }
                }
            }
            if (n % 1000 == 0) {
                out.printf("%d requests (%d exec true) in %.1f s%n", n, execs, (System.nanoTime() - start) / 1e9);
                out.flush();
            }
        }
    }
}
