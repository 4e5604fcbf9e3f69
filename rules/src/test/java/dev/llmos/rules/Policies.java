package dev.llmos.rules;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlannedAction;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.spi.ActionFact;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** test helpers: small policies written to a temp dir, and requests made of fixture facts. */
final class Policies {

    static final String HEADER = """
            package test;
            import dev.llmos.rules.fixtures.Cmd;
            import dev.llmos.rules.fixtures.Put;
            global dev.llmos.rules.PolicyActions policy;
            """;

    static final Requester ALICE = new Requester(1000, 1000, "alice", List.of("alice", "adm"));
    static final HostFacts HOST = new HostFacts("box", "debian", "12", "amd64", "apt", "systemd");

    private Policies() {
    }

    /** writes {@code HEADER + body} (the header is 4 lines, so the body starts on line 5). */
    static Path drl(Path dir, String name, String body) {
        return write(dir, name, HEADER + body);
    }

    static Path write(Path dir, String name, String text) {
        try {
            Path file = dir.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static PolicyRequest request(ActionFact... facts) {
        List<PlannedAction> actions = Arrays.stream(facts)
                .map(f -> new PlannedAction(new ActionHeader(f.id(), f.index(), f.type(), "because", Danger.NONE), null,
                        Json.mapper().createObjectNode().put("id", f.id()).put("type", f.type())))
                .toList();
        ObjectNode json = Json.mapper().createObjectNode().put("goal", "test");
        return new PolicyRequest(new Plan(1, PlanMode.ACTIONPLAN, "test", List.of(), actions, json), List.of(facts), ALICE, HOST);
    }

    /** a policy compiled by a cache of its own, so tests see their own build counts. */
    static DroolsPolicy load(Path dir) {
        return DroolsPolicy.load(dir, PolicyCache.isolated(null));
    }
}
