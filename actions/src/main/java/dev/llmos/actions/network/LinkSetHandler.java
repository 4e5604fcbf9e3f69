package dev.llmos.actions.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

/** {@code link_set}: brings a network link up or down; undo puts it back as it was. */
@AutoService(ActionHandler.class)
public final class LinkSetHandler implements ActionHandler<LinkSetParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(LinkSetHandler.class, "link_set.schema.json");
    private static final ActionSpec<LinkSetParams> SPEC = new ActionSpec<>("link_set",
            "bring a network link up or down (undoable)",
            LinkSetParams.class, SCHEMA, LinkSet.class, Effect.MUTATING, true, true);

    private final IpTool ip;

    public LinkSetHandler() {
        this(IpTool.host());
    }

    LinkSetHandler(IpTool ip) {
        this.ip = ip;
    }

    @Override
    public ActionSpec<LinkSetParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, LinkSetParams params, FactContext context) {
        Optional<NetState.Link> link;
        boolean defaultRoute;
        try {
            link = NetState.link(ip, params.link());
            defaultRoute = carriesDefaultRoute(params.link());
        } catch (IOException e) {
            link = Optional.empty();
            defaultRoute = false;
        }
        return new LinkSet(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(), params.link(),
                params.state(), link.isPresent(), link.map(NetState.Link::up).orElse(false),
                link.map(l -> l.kind().equals("loopback")).orElse(false), defaultRoute,
                link.map(l -> l.addresses().size()).orElse(0));
    }

    @Override
    public Preview preview(LinkSetParams params, ExecContext context) {
        try {
            Optional<NetState.Link> link = NetState.link(ip, params.link());
            if (link.isEmpty()) {
                return Preview.of("would fail: no link " + params.link());
            }
            String now = link.get().up() ? "up" : "down";
            return Preview.of(now.equals(params.state()) ? "link " + params.link() + " is already " + now + "; nothing to do"
                    : "would set link " + params.link() + " " + params.state() + " (now " + now + ")");
        } catch (IOException e) {
            return Preview.of("cannot preview: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(LinkSetParams params, ExecContext context) {
        try {
            Optional<NetState.Link> link = NetState.link(ip, params.link());
            if (link.isEmpty()) {
                return ActionOutcome.failure("no link " + params.link());
            }
            boolean wasUp = link.get().up();
            if (wasUp && params.state().equals("down") && carriesDefaultRoute(params.link())) {
                // the machine, and a remote administrator with it, would be cut off
                return ActionOutcome.failure("refused: " + params.link() + " carries the default route; add another route out first, or do this from the console");
            }
            if (wasUp == params.state().equals("up")) {
                return ActionOutcome.success(List.of(), Json.mapper().createObjectNode().put("link", params.link())
                        .put("state", params.state()).put("changed", false), null);
            }
            set(params.link(), params.state());
            return ActionOutcome.success(List.of(new Change("modified", "link " + params.link(), null, null, null)),
                    Json.mapper().createObjectNode().put("link", params.link()).put("state", params.state()).put("changed", true),
                    Json.mapper().createObjectNode().put("link", params.link()).put("was_up", wasUp));
        } catch (IOException e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    @Override
    public ActionOutcome undo(LinkSetParams params, JsonNode undo, ExecContext context) {
        String link = undo.path("link").asText();
        try {
            set(link, undo.path("was_up").asBoolean() ? "up" : "down");
            return ActionOutcome.success(List.of(new Change("restored", "link " + link, null, null, null)), null, null);
        } catch (IOException e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    private boolean carriesDefaultRoute(String link) throws IOException {
        return NetState.routes(ip).stream().anyMatch(r -> r.dst().equals("default") && link.equals(r.dev()));
    }

    private void set(String link, String state) throws IOException {
        if (!state.equals("up") && !state.equals("down")) {
            throw new IOException("state must be up or down, got " + state);
        }
        ip.run(List.of("link", "set", "dev", link, state));
    }
}
