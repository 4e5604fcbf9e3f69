package dev.llmos.llm.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;

import java.util.List;
import java.util.OptionalInt;
import java.util.function.Supplier;

/** a client whose server is started on the first request and kept warm after each one. */
public final class OnDemandModel implements ModelClient {

    private final ModelClient delegate;
    private final ModelServer server;

    public OnDemandModel(ModelClient delegate, ModelServer server) {
        this.delegate = delegate;
        this.server = server;
    }

    @Override
    public String complete(List<Message> messages, ObjectNode schema) {
        return running(() -> {
            try {
                return delegate.complete(messages, schema);
            } catch (ModelException e) {
                throw server.exited().map(e::withSuffix).orElse(e);
            }
        });
    }

    @Override
    public OptionalInt contextTokens() {
        return running(delegate::contextTokens);
    }

    @Override
    public int tokens(String text) {
        return running(() -> delegate.tokens(text));
    }

    private <T> T running(Supplier<T> work) {
        // busy first, so a warm-window stop cannot fall between the start and the request
        server.busy();
        try {
            server.ensureRunning();
            return work.get();
        } finally {
            server.idle();
        }
    }

    @Override
    public String describe() {
        return delegate.describe() + " (started on demand)";
    }

    /** stops the server now, whatever the warm window says. */
    @Override
    public void close() {
        try {
            delegate.close();
        } finally {
            server.close();
        }
    }
}
