package dev.llmos.llm;

import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * cuts the messages of one model request to what the model's context holds next to a whole answer
 * ({@code max_tokens}). the system prompt, the current request and the last message always stay;
 * older exchanges go first, oldest first: earlier requests with their plans and results, then the
 * earlier steps of this request. messages go in pairs, so user and assistant still take turns (many
 * chat templates refuse anything else). when the context is not known (the server does not say and
 * context_tokens is not set) nothing is cut and an overflow is the server's to report.
 */
final class ContextFit {

    private static final Logger LOG = LoggerFactory.getLogger(ContextFit.class);
    /** what a chat template adds around each message (role markers, separators), on the high side. */
    static final int PER_MESSAGE = 8;
    /** what the template adds before the answer, and rounding. */
    static final int MARGIN = 32;

    private ContextFit() {
    }

    /** the context to fit: the server's word, else the configured one; empty when neither is known. */
    static OptionalInt context(ModelClient client, ModelConfig config) {
        OptionalInt server = client.contextTokens();
        if (server.isPresent()) {
            return server;
        }
        return config.contextTokens() > 0 ? OptionalInt.of(config.contextTokens()) : OptionalInt.empty();
    }

    /**
     * @param requestAt the index of the current request's message
     * @throws ModelException of kind CONTEXT_OVERFLOW when even the kept messages do not fit
     */
    static List<Message> fit(List<Message> messages, int requestAt, ModelClient client, ModelConfig config) {
        OptionalInt known = context(client, config);
        if (known.isEmpty()) {
            return messages;
        }
        int context = known.getAsInt();
        int budget = context - config.maxTokens() - MARGIN;
        List<Integer> cost = new ArrayList<>();
        int total = 0;
        for (Message m : messages) {
            int n = client.tokens(m.text()) + PER_MESSAGE;
            cost.add(n);
            total += n;
        }
        if (total <= budget) {
            return messages;
        }
        boolean[] dropped = new boolean[messages.size()];
        int freed = 0;
        int count = 0;
        int last = messages.size() - 1;
        List<int[]> pairs = new ArrayList<>();
        for (int i = 1; i + 1 < requestAt; i += 2) {
            pairs.add(new int[]{i, i + 1});
        }
        for (int i = requestAt + 1; i + 1 < last; i += 2) {
            pairs.add(new int[]{i, i + 1});
        }
        for (int[] pair : pairs) {
            if (total - freed <= budget) {
                break;
            }
            for (int i : pair) {
                dropped[i] = true;
                freed += cost.get(i);
                count++;
            }
        }
        int needed = total - freed;
        if (needed > budget) {
            int system = cost.get(0);
            throw new ModelException(ModelException.Kind.CONTEXT_OVERFLOW, "the request does not fit the model's context of "
                    + context + " tokens: it needs " + needed + " tokens (the system prompt " + system + ") plus max_tokens "
                    + config.maxTokens() + " for the answer; give the server a larger context (llama-server -c, ollama"
                    + " num_ctx), lower max_tokens, or start a new conversation (docs/models.md)");
        }
        List<Message> kept = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (!dropped[i]) {
                kept.add(messages.get(i));
            }
        }
        LOG.info("left out the {} oldest messages ({} tokens) so the request fits the model's context of {} tokens"
                + " with max_tokens {}", count, freed, context, config.maxTokens());
        return kept;
    }
}
