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

import java.util.List;

/** {@code type_text}: types text into whatever window has the keyboard focus, as the user would. */
@AutoService(ActionHandler.class)
public final class TypeTextHandler implements ActionHandler<TypeTextParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(TypeTextHandler.class, "type_text.schema.json");
    private static final ActionSpec<TypeTextParams> SPEC = new ActionSpec<>("type_text",
            "type text into the focused window of an x display (xdotool type)",
            TypeTextParams.class, SCHEMA, TypeText.class, Effect.MUTATING, true, false);
    private static final int DEFAULT_DELAY_MS = 12;

    private final X11 x11;

    public TypeTextHandler() {
        this(X11.fromEnvironment());
    }

    TypeTextHandler(X11 x11) {
        this.x11 = x11;
    }

    @Override
    public ActionSpec<TypeTextParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, TypeTextParams params, FactContext context) {
        return new TypeText(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                x11.display(params.display()), params.text().codePointCount(0, params.text().length()),
                params.text().indexOf('\n') >= 0);
    }

    @Override
    public Preview preview(TypeTextParams params, ExecContext context) {
        return Preview.of("would type " + params.text().length() + " characters on " + x11.describe(params.display())
                + ": " + Json.write(params.text()));
    }

    @Override
    public ActionOutcome execute(TypeTextParams params, ExecContext context) {
        int delay = params.delayMs() == null ? DEFAULT_DELAY_MS : params.delayMs();
        // each character is a press and a release: allow twice the delay each, and slack to connect
        int timeout = 10 + params.text().length() * delay * 2 / 1000;
        return x11.run("xdotool", List.of("type", "--delay", Integer.toString(delay), "--", params.text()),
                params.display(), timeout, context,
                run -> Json.mapper().createObjectNode().put("typed", params.text().length()));
    }
}
