package dev.llmos.actions.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.util.List;

/** {@code network_show}: the links with their addresses, and the routes, as structured data. */
@AutoService(ActionHandler.class)
public final class NetworkShowHandler implements ActionHandler<NetworkShowParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(NetworkShowHandler.class, "network_show.schema.json");
    private static final ActionSpec<NetworkShowParams> SPEC = new ActionSpec<>("network_show",
            "show network links with their addresses, and the ipv4 and ipv6 routes, as structured data (read-only)",
            NetworkShowParams.class, SCHEMA, NetworkShow.class, Effect.READ_ONLY, true, false);

    private final IpTool ip;

    public NetworkShowHandler() {
        this(IpTool.host());
    }

    NetworkShowHandler(IpTool ip) {
        this.ip = ip;
    }

    @Override
    public ActionSpec<NetworkShowParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, NetworkShowParams params, FactContext context) {
        return new NetworkShow(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(), params.what());
    }

    @Override
    public Preview preview(NetworkShowParams params, ExecContext context) {
        return Preview.of("would show " + (params.what().equals("all") ? "addresses and routes" : params.what()) + "; changes nothing");
    }

    @Override
    public ActionOutcome execute(NetworkShowParams params, ExecContext context) {
        ObjectNode data = Json.mapper().createObjectNode();
        try {
            if (!params.what().equals("routes")) {
                data.set("links", Json.mapper().valueToTree(NetState.links(ip)));
            }
            if (!params.what().equals("addresses")) {
                data.set("routes", Json.mapper().valueToTree(NetState.routes(ip)));
            }
        } catch (IOException e) {
            return ActionOutcome.failure(e.getMessage());
        }
        return ActionOutcome.success(List.of(), data, null);
    }
}
