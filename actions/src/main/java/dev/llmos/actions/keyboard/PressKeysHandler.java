package dev.llmos.actions.keyboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.x11.X11;
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

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** {@code press_keys}: presses one key combination in the focused window, as the user would. */
@AutoService(ActionHandler.class)
public final class PressKeysHandler implements ActionHandler<PressKeysParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(PressKeysHandler.class, "press_keys.schema.json");
    private static final ActionSpec<PressKeysParams> SPEC = new ActionSpec<>("press_keys",
            "press a key combination such as ctrl+s in the focused window of an x display (xdotool key)",
            PressKeysParams.class, SCHEMA, PressKeys.class, Effect.MUTATING, true, false);

    private final X11 x11;

    public PressKeysHandler() {
        this(X11.fromEnvironment());
    }

    PressKeysHandler(X11 x11) {
        this.x11 = x11;
    }

    @Override
    public ActionSpec<PressKeysParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, PressKeysParams params, FactContext context) {
        List<String> keys = Arrays.stream(params.keys().split("\\+"))
                .map(k -> k.toLowerCase(Locale.ROOT))
                .map(k -> k.equals("control") ? "ctrl" : k)
                .toList();
        return new PressKeys(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                x11.display(params.display()), String.join("+", keys), keys.get(keys.size() - 1),
                keys.subList(0, keys.size() - 1), repeat(params));
    }

    @Override
    public Preview preview(PressKeysParams params, ExecContext context) {
        return Preview.of("would press " + params.keys() + (repeat(params) > 1 ? " " + repeat(params) + " times" : "")
                + " on " + x11.describe(params.display()));
    }

    @Override
    public ActionOutcome execute(PressKeysParams params, ExecContext context) {
        ActionOutcome o = x11.run("xdotool", List.of("key", "--repeat", Integer.toString(repeat(params)), "--", params.keys()),
                params.display(), 10 + repeat(params), context,
                run -> Json.mapper().createObjectNode().put("keys", params.keys()).put("repeat", repeat(params)));
        // xdotool skips a key name it does not know and still exits 0: that is not what was asked
        String unknown = o.stderr().text().lines().filter(l -> l.contains("No such key name")).findFirst().orElse(null);
        if (o.ok() && unknown != null) {
            return new ActionOutcome(false, o.exitCode(), o.stdout(), o.stderr(), List.of(), null, null,
                    "unknown key name in " + params.keys() + ": " + unknown.strip());
        }
        return o;
    }

    private static int repeat(PressKeysParams params) {
        return params.repeat() == null ? 1 : params.repeat();
    }
}
