package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

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

    @Override
    default void close() {
    }
}
