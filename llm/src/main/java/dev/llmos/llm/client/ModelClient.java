package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.OptionalInt;

/**
 * the seam between the planner and a model: messages in, the answer's text out, constrained by a
 * strict json schema. implementations: {@link OpenAiModelClient} (any openai-compatible server),
 * {@link ReplayModel} (recorded answers), {@link RecordingModel} (records another client).
 */
public interface ModelClient extends AutoCloseable {

    /**
     * @param schema the strict plan schema the answer must follow
     * @return the answer's text, not yet checked
     * @throws ModelException when no answer came (unreachable, timed out, refused, recording exhausted)
     */
    String complete(List<Message> messages, ObjectNode schema);

    /** where answers come from, for messages: a url, a recording's path. */
    String describe();

    /** how many tokens of context one request may fill, when the server says; empty when unknown. */
    default OptionalInt contextTokens() {
        return OptionalInt.empty();
    }

    /** the tokens {@code text} takes: the server's count where it gives one, else an estimate on the high side. */
    default int tokens(String text) {
        return text.length() / 3 + 1;
    }

    @Override
    default void close() {
    }
}
