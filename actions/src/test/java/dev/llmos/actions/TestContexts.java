package dev.llmos.actions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.host.PathResolver;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Limits;

import java.nio.file.Path;

/** contexts for calling handlers directly, the way the pipeline would. */
public final class TestContexts {

    public static final String DIGEST = "0123456789abcdef".repeat(4);
    public static final Requester SELF = HostProbe.system().currentProcess();

    private TestContexts() {
    }

    public static ExecContext exec(Path stateDir) {
        return exec(stateDir, Limits.DEFAULT, SELF);
    }

    public static ExecContext exec(Path stateDir, Limits limits) {
        return exec(stateDir, limits, SELF);
    }

    public static ExecContext exec(Path stateDir, Limits limits, Requester requester) {
        return new ExecContext(stateDir, DIGEST, "a1", requester, limits);
    }

    public static ActionHeader header(String type) {
        return new ActionHeader("a1", 0, type, "because", Danger.LOW);
    }

    /**
     * the outcome as a reader of its json sees it: {@code 6} and {@code 6L} are different json
     * nodes in memory but the same number on the wire.
     */
    public static ActionOutcome wire(ActionOutcome o) {
        return new ActionOutcome(o.ok(), o.exitCode(), o.stdout(), o.stderr(), o.changes(), reparse(o.data()),
                reparse(o.undo()), o.error());
    }

    private static JsonNode reparse(JsonNode node) {
        try {
            return node == null ? null : Json.mapper().readTree(Json.write(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** paths resolved from "/", as the pipeline resolves them for a plan. */
    public static FactContext facts() {
        PathResolver resolver = new PathResolver(Path.of("/"));
        HostFacts host = HostProbe.system().host();
        return new FactContext() {
            @Override
            public PathFacts path(String path) {
                return resolver.resolve(path);
            }

            @Override
            public HostFacts host() {
                return host;
            }

            @Override
            public Requester requester() {
                return SELF;
            }
        };
    }
}
