package dev.llmos.cli.ask;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;

import java.util.List;
import java.util.OptionalInt;

/** a model client whose every request shows as waiting on stderr, and whose failures say where to look. */
final class WatchedModel implements ModelClient {

    private final ModelClient delegate;
    private final Waiting waiting;
    private final String hint;

    WatchedModel(ModelClient delegate, Waiting waiting, String hint) {
        this.delegate = delegate;
        this.waiting = waiting;
        this.hint = hint;
    }

    @Override
    public String complete(List<Message> messages, ObjectNode schema) {
        waiting.start("waiting for the model at " + delegate.describe());
        try {
            return delegate.complete(messages, schema);
        } catch (ModelException e) {
            throw hint.isEmpty() || e.kind() != ModelException.Kind.UNREACHABLE ? e : e.withSuffix(hint);
        } finally {
            waiting.stop();
        }
    }

    @Override
    public OptionalInt contextTokens() {
        return delegate.contextTokens();
    }

    @Override
    public int tokens(String text) {
        return delegate.tokens(text);
    }

    @Override
    public String describe() {
        return delegate.describe();
    }

    /** stops a model server started for this session, whatever its warm window says. */
    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            waiting.close();
        }
    }
}
