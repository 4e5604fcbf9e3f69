package dev.llmos.llm;

import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.util.ArrayList;
import java.util.List;

/** a handler that only describes itself: enough for the planner, which never executes. */
final class SpecOnlyHandler<P extends Record> implements ActionHandler<P> {

    record Fact(String id, int index, String type) implements ActionFact {
    }

    /** a capability someone adds later: it must reach the prompt and the schema with no other edit. */
    record BeepParams(Integer times, String tone) {
    }

    /** a field with no strict form (no type at all). */
    record OddParams(Object anything, String label) {
    }

    private final ActionSpec<P> spec;

    SpecOnlyHandler(String type, String summary, Class<P> params, String schema, Effect effect) {
        this.spec = new ActionSpec<>(type, summary, params, Fixtures.json(schema), Fact.class, effect, false, false);
    }

    static SpecOnlyHandler<BeepParams> beep() {
        return new SpecOnlyHandler<>("beep", "sound the pc speaker", BeepParams.class, """
                {"properties":{"times":{"type":"integer","minimum":1,"maximum":5,"description":"how many beeps"},
                               "tone":{"type":"string","enum":["low","high"]}},
                 "required":["times"]}""", Effect.READ_ONLY);
    }

    static SpecOnlyHandler<OddParams> odd() {
        return new SpecOnlyHandler<>("odd", "has a field without a type", OddParams.class, """
                {"properties":{"anything":{"description":"whatever"},"label":{"type":"string"}},"required":["label"]}""",
                Effect.READ_ONLY);
    }

    /**
     * the real file and exec handlers plus {@code extra}. the expectations that use it spell these
     * four out; other capabilities stay out, so adding one changes nothing here.
     */
    static ActionRegistry realPlus(ActionHandler<?>... extra) {
        List<ActionHandler<?>> all = new ArrayList<>();
        for (String type : List.of("append_file", "exec", "read_file", "write_file")) {
            all.add(Fixtures.REGISTRY.handler(type).orElseThrow());
        }
        all.addAll(List.of(extra));
        return ActionRegistry.of(all);
    }

    @Override
    public ActionSpec<P> spec() {
        return spec;
    }

    @Override
    public ActionFact fact(ActionHeader header, P params, FactContext context) {
        return new Fact(header.id(), header.index(), header.type());
    }

    @Override
    public Preview preview(P params, ExecContext context) {
        throw new UnsupportedOperationException("the planner never previews");
    }

    @Override
    public ActionOutcome execute(P params, ExecContext context) {
        throw new UnsupportedOperationException("the planner never executes");
    }
}
