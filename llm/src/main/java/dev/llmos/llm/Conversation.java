package dev.llmos.llm;

import dev.llmos.llm.client.Message;

import java.util.ArrayList;
import java.util.List;

/**
 * the message history of one session: the system prompt, each request, each valid plan, each
 * result. repair exchanges are not kept once a valid plan arrives, so a model's mistakes do not
 * crowd the context of later turns. the interactive shell keeps one conversation for all its prompts.
 */
public final class Conversation {

    private final List<Message> messages = new ArrayList<>();
    private int actionPlans;
    private int requestAt;
    private String unseen = "";

    Conversation(String system) {
        messages.add(Message.system(system));
    }

    /** the whole history, system prompt first. */
    public synchronized List<Message> messages() {
        return List.copyOf(messages);
    }

    /** actionplans produced for the current request; the step limit counts these. */
    public synchronized int actionPlans() {
        return actionPlans;
    }

    public synchronized int size() {
        return messages.size();
    }

    /** back to the first {@code size} messages, after a turn that got no valid answer. */
    synchronized void truncate(int size) {
        messages.subList(size, messages.size()).clear();
        if (requestAt >= size) {
            requestAt = lastUser();
        }
    }

    /** where the current request's message is: kept whatever else is trimmed to fit the context. */
    synchronized int requestAt() {
        return requestAt;
    }

    synchronized void request(String text) {
        requestAt = messages.size();
        messages.add(Message.user(text));
        actionPlans = 0;
    }

    synchronized void add(Message message) {
        messages.add(message);
    }

    private int lastUser() {
        for (int i = messages.size() - 1; i > 0; i--) {
            if (messages.get(i).role() == Message.Role.USER) {
                return i;
            }
        }
        return 0;
    }

    synchronized void countActionPlan() {
        actionPlans++;
    }

    /** results the model has not seen yet; they go out with the next request. */
    synchronized String unseen() {
        return unseen;
    }

    synchronized void unseen(String text) {
        unseen = text;
    }
}
