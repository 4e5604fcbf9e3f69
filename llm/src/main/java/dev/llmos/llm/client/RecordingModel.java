package dev.llmos.llm.client;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * records another client's answers for {@link ReplayModel}. the file is started afresh and each
 * answer is appended as soon as it arrives, so an interrupted session still replays up to where it
 * stopped. failed requests are not recorded.
 */
public final class RecordingModel implements ModelClient {

    private final ModelClient delegate;
    private final Path file;
    private int turn;

    public RecordingModel(ModelClient delegate, Path file) {
        this.delegate = delegate;
        this.file = file;
        try {
            Files.writeString(file, "", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.RECORDING, "cannot write the recording " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized String complete(List<Message> messages, ObjectNode schema) {
        String response = delegate.complete(messages, schema);
        String line = Transcript.of(++turn, messages, schema, response).line() + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.RECORDING, "cannot append to the recording " + file + ": " + e.getMessage(), e);
        }
        return response;
    }

    @Override
    public java.util.OptionalInt contextTokens() {
        return delegate.contextTokens();
    }

    @Override
    public int tokens(String text) {
        return delegate.tokens(text);
    }

    @Override
    public String describe() {
        return delegate.describe() + ", recorded to " + file;
    }

    @Override
    public void close() {
        delegate.close();
    }
}
