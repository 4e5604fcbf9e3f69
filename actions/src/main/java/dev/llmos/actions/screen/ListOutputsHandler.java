package dev.llmos.actions.screen;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.x11.X11;
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

/** {@code list_outputs}: the screens and outputs of an x display, with geometry and modes (xrandr). */
@AutoService(ActionHandler.class)
public final class ListOutputsHandler implements ActionHandler<ListOutputsParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ListOutputsHandler.class, "list_outputs.schema.json");
    private static final ActionSpec<ListOutputsParams> SPEC = new ActionSpec<>("list_outputs",
            "list the screens and outputs of an x display with their size, position and modes (xrandr --query)",
            ListOutputsParams.class, SCHEMA, ListOutputs.class, Effect.READ_ONLY, true, false);

    private final X11 x11;

    public ListOutputsHandler() {
        this(X11.fromEnvironment());
    }

    ListOutputsHandler(X11 x11) {
        this.x11 = x11;
    }

    @Override
    public ActionSpec<ListOutputsParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ListOutputsParams params, FactContext context) {
        return new ListOutputs(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                x11.display(params.display()));
    }

    @Override
    public Preview preview(ListOutputsParams params, ExecContext context) {
        return Preview.of("would list the outputs of " + x11.describe(params.display()));
    }

    @Override
    public ActionOutcome execute(ListOutputsParams params, ExecContext context) {
        return x11.run("xrandr", List.of("--query"), params.display(), 15, context, run -> Xrandr.parse(run.stdout().text()));
    }
}
