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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code click_mouse}: clicks a button, where the pointer is or after moving it, as the user would. */
@AutoService(ActionHandler.class)
public final class ClickMouseHandler implements ActionHandler<ClickMouseParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ClickMouseHandler.class, "click_mouse.schema.json");
    private static final ActionSpec<ClickMouseParams> SPEC = new ActionSpec<>("click_mouse",
            "click a mouse button on an x display, optionally at a screen position first (xdotool click)",
            ClickMouseParams.class, SCHEMA, ClickMouse.class, Effect.MUTATING, true, false);
    private static final Map<String, String> BUTTONS = Map.of("left", "1", "middle", "2", "right", "3");

    private final X11 x11;

    public ClickMouseHandler() {
        this(X11.fromEnvironment());
    }

    ClickMouseHandler(X11 x11) {
        this.x11 = x11;
    }

    @Override
    public ActionSpec<ClickMouseParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ClickMouseParams params, FactContext context) {
        return new ClickMouse(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                x11.display(params.display()), button(params), count(params), params.x() != null);
    }

    @Override
    public Preview preview(ClickMouseParams params, ExecContext context) {
        String where = params.x() == null ? "where the pointer is" : "at " + params.x() + "," + params.y();
        return Preview.of("would " + (count(params) == 2 ? "double-" : "") + "click " + button(params) + " " + where
                + " on " + x11.describe(params.display()));
    }

    @Override
    public ActionOutcome execute(ClickMouseParams params, ExecContext context) {
        if ((params.x() == null) != (params.y() == null)) {
            return ActionOutcome.failure("give both x and y, or neither");
        }
        List<String> args = new ArrayList<>();
        if (params.x() != null) {
            args.addAll(List.of("mousemove", "--sync", params.x().toString(), params.y().toString()));
        }
        args.addAll(List.of("click", "--repeat", Integer.toString(count(params)), BUTTONS.get(button(params)),
                "getmouselocation", "--shell"));
        return x11.run("xdotool", args, params.display(), 10, context, run -> Pointer.location(run.stdout().text())
                .put("button", button(params)).put("count", count(params)));
    }

    private static String button(ClickMouseParams params) {
        return params.button() == null ? "left" : params.button();
    }

    private static int count(ClickMouseParams params) {
        return params.count() == null ? 1 : params.count();
    }
}
