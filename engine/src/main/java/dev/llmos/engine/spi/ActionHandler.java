package dev.llmos.engine.spi;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * one kind of action. implementations live in the actions module, one package each, and are found
 * with {@link java.util.ServiceLoader}; the registry rejects duplicates and bad schemas at start-up.
 *
 * @param <P> the params record the action's json is parsed into
 */
public interface ActionHandler<P extends Record> {

    ActionSpec<P> spec();

    /** the typed fact policy rules match on; paths in it are resolved through {@code context}. */
    ActionFact fact(ActionHeader header, P params, FactContext context);

    /**
     * paths this action would write, as given in the plan. the engine resolves them and refuses
     * protected ones (policy, daemon config, audit log) whatever the policy says.
     */
    default List<String> writes(P params) {
        return List.of();
    }

    /** what running it would do, without doing it. */
    Preview preview(P params, ExecContext context);

    /** runs the action. expected failures are reported in the outcome, not thrown. */
    ActionOutcome execute(P params, ExecContext context);

    /** undoes a successful run, given the {@code undo} data its outcome carried. */
    default ActionOutcome undo(P params, JsonNode undo, ExecContext context) {
        return ActionOutcome.failure(spec().type() + " cannot be undone");
    }
}
