package dev.llmos.cli.ask;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;

import java.util.List;

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
            throw hint.isEmpty() ? e : new ModelException(e.getMessage() + hint, e);
        } finally {
            waiting.stop();
        }
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
