package dev.llmos.actions.network;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.exec.ProcessRunner;
import dev.llmos.actions.exec.ProgramLookup;
import dev.llmos.engine.json.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * runs iproute2's {@code ip} from argv, in its own process group, with json output where asked.
 * {@code netns} is a seam for tests: they act inside a network namespace they created
 * ({@code ip -n NAME}); plans never choose one.
 */
final class IpTool {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/sbin:/usr/bin:/sbin:/bin", "LC_ALL", "C");
    private static final int TIMEOUT_SEC = 30;
    private static final int MAX_OUTPUT = 8 << 20;

    private final String netns;

    private IpTool(String netns) {
        this.netns = netns;
    }

    static IpTool host() {
        return new IpTool(null);
    }

    static IpTool inNamespace(String netns) {
        return new IpTool(netns);
    }

    /** {@code ip -j ARGS}, parsed. */
    JsonNode json(String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of("-j"));
        all.addAll(List.of(args));
        String out = run(all);
        return out.isBlank() ? Json.mapper().createArrayNode() : Json.mapper().readTree(out);
    }

    /** {@code ip ARGS}; throws with ip's own message when it fails. */
    String run(List<String> args) throws IOException {
        Path setsid = ProgramLookup.find("setsid", null).orElseThrow(() -> new IOException("setsid not found"));
        Path ip = ProgramLookup.find("ip", null).orElseThrow(() -> new IOException("ip (iproute2) is not installed"));
        List<String> command = new ArrayList<>(List.of(setsid.toString(), ip.toString()));
        if (netns != null) {
            command.addAll(List.of("-n", netns));
        }
        command.addAll(args);
        try {
            ProcessRunner.Result r = ProcessRunner.run(command, ENV, null, TIMEOUT_SEC, MAX_OUTPUT);
            if (r.timedOut() || r.exitCode() != 0) {
                throw new IOException("ip " + String.join(" ", args) + " failed: "
                        + (r.timedOut() ? "timed out" : r.stderr().tail(3).strip()));
            }
            if (r.stdout().truncated()) {
                throw new IOException("ip " + String.join(" ", args) + " printed more than " + MAX_OUTPUT + " bytes");
            }
            return r.stdout().text();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ip", e);
        }
    }
}
