package dev.llmos.actions.mouse;

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

/** {@code move_mouse}: puts the pointer at a screen position and reports where it landed. */
@AutoService(ActionHandler.class)
public final class MoveMouseHandler implements ActionHandler<MoveMouseParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(MoveMouseHandler.class, "move_mouse.schema.json");
    private static final ActionSpec<MoveMouseParams> SPEC = new ActionSpec<>("move_mouse",
            "move the pointer of an x display to a screen position (xdotool mousemove)",
            MoveMouseParams.class, SCHEMA, MoveMouse.class, Effect.MUTATING, true, false);

    private final X11 x11;

    public MoveMouseHandler() {
        this(X11.fromEnvironment());
    }

    MoveMouseHandler(X11 x11) {
        this.x11 = x11;
    }

    @Override
    public ActionSpec<MoveMouseParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, MoveMouseParams params, FactContext context) {
        return new MoveMouse(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                x11.display(params.display()), params.x(), params.y());
    }

    @Override
    public Preview preview(MoveMouseParams params, ExecContext context) {
        return Preview.of("would move the pointer to " + params.x() + "," + params.y() + " on " + x11.describe(params.display()));
    }

    @Override
    public ActionOutcome execute(MoveMouseParams params, ExecContext context) {
        // the screen clamps the position: report where the pointer really is
        return x11.run("xdotool", List.of("mousemove", "--sync", Integer.toString(params.x()), Integer.toString(params.y()),
                "getmouselocation", "--shell"), params.display(), 10, context, run -> Pointer.location(run.stdout().text()));
    }
}
