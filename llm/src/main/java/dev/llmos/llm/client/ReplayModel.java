package dev.llmos.llm.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.engine.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * serves recorded answers in turn order, so demos and tests are deterministic and need no network.
 * a request that differs from the recorded one (another prompt, an edited prompt kernel, a new
 * action in the schema) is logged and still answered, unless the replay is strict, where it is an
 * error. asking for more turns than were recorded is always an error.
 */
public final class ReplayModel implements ModelClient {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayModel.class);

    private final Path file;
    private final List<Transcript> turns;
    private final boolean strict;
    private int next;

    private ReplayModel(Path file, List<Transcript> turns, boolean strict) {
        this.file = file;
        this.turns = List.copyOf(turns);
        this.strict = strict;
    }

    /** a recording made by {@link RecordingModel}. */
    public static ReplayModel load(Path file, boolean strict) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelException(ModelException.Kind.RECORDING, "cannot read the recording " + file + ": " + e.getMessage(), e);
        }
        List<Transcript> turns = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                turns.add(Transcript.parse(Json.mapper().readTree(lines.get(i))));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new ModelException(ModelException.Kind.RECORDING, "the recording " + file + " is not valid at line " + (i + 1) + ": "
                        + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
            }
        }
        return new ReplayModel(file, turns, strict);
    }

    @Override
    public synchronized String complete(List<Message> messages, ObjectNode schema) {
        if (next >= turns.size()) {
            throw new ModelException(ModelException.Kind.RECORDING, "the recording " + file + " has " + turns.size() + " answers and the session asked for"
                    + " answer " + (next + 1) + "; the session went further than the recorded one, record it again");
        }
        Transcript turn = turns.get(next++);
        String digest = Transcript.digest(messages, schema);
        // a hand-written recording (a demo) leaves request_sha256 empty: nothing to compare
        if (turn.requestSha256().isEmpty() && !strict) {
            return turn.response();
        }
        if (!turn.requestSha256().equals(digest)) {
            if (strict) {
                throw new ModelException(ModelException.Kind.RECORDING, "request " + turn.turn() + " differs from the one recorded in " + file
                        + " (another prompt, prompt kernel or action set); record it again or replay without strict");
            }
            LOG.warn("replay {}: request {} differs from the recorded one; answering with the recording anyway", file, turn.turn());
        }
        return turn.response();
    }

    /** answers not served yet. */
    public synchronized int remaining() {
        return turns.size() - next;
    }

    @Override
    public String describe() {
        return "replay of " + file;
    }
}
