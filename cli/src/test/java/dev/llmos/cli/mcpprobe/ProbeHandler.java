package dev.llmos.cli.mcpprobe;

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

import java.util.List;

/**
 * {@code mcp_probe}: a capability that exists only for the mcp test, registered through the
 * {@code ServiceLoader} from a services file that only the test's llmsh mcp process sees, so it shows
 * that a new action type becomes a tool with nothing else edited.
 */
public final class ProbeHandler implements ActionHandler<ProbeHandler.Params> {

    /** the action's own field. */
    public record Params(String note) {
    }

    private static final ActionSpec<Params> SPEC = new ActionSpec<>("mcp_probe", "echo a note back (test capability)",
            Params.class, schema(),
            Probe.class, Effect.READ_ONLY, false, false);

    private static com.fasterxml.jackson.databind.JsonNode schema() {
        com.fasterxml.jackson.databind.node.ObjectNode schema = Json.mapper().createObjectNode();
        schema.putObject("properties").putObject("note").put("type", "string").put("minLength", 1).put("maxLength", 100);
        schema.putArray("required").add("note");
        return schema;
    }

    @Override
    public ActionSpec<Params> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, Params params, FactContext context) {
        return new Probe(header.id(), header.index(), header.type(), params.note());
    }

    @Override
    public Preview preview(Params params, ExecContext context) {
        return Preview.of("would echo " + params.note());
    }

    @Override
    public ActionOutcome execute(Params params, ExecContext context) {
        return ActionOutcome.success(List.of(), Json.mapper().createObjectNode().put("echo", params.note()), null);
    }
}
