package dev.llmos.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidationException;
import dev.llmos.llm.client.Message;
import dev.llmos.llm.client.ModelClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * from a person's words to a validated plan. the model only proposes: every answer goes through the
 * engine's {@link PlanParser}, an invalid one is sent back with its errors for a bounded number of
 * repair rounds, and then the planner gives up with a {@link PlannerException}. it never executes
 * anything and never talks to the daemon; the caller runs the plan and hands the outcome to
 * {@link #next}.
 */
public final class Planner {

    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);
    /** an invalid answer longer than this is not sent back whole in the repair round. */
    static final int LONG_ANSWER = 2000;

    private final ModelClient client;
    private final PlanParser parser;
    private final ModelConfig config;
    private final PromptKernel kernel;
    private final StrictSchema strict;
    private final Redactor redactor;
    private final RequestLog requests;
    private final Consumer<String> notices;

    public Planner(ModelClient client, PlanParser parser, ModelConfig config) {
        this(client, parser, config, line -> { });
    }

    /**
     * @param notices lines for the person about how the model is doing ("the model's first answer was
     *                invalid; asked again"), called on the planner's thread
     */
    public Planner(ModelClient client, PlanParser parser, ModelConfig config, Consumer<String> notices) {
        this.client = client;
        this.notices = notices;
        this.parser = parser;
        this.config = config;
        this.kernel = PromptKernel.of(parser.registry());
        this.strict = StrictSchema.of(parser.registry());
        this.redactor = Redactor.withDefaultsAnd(config.redact());
        this.requests = new RequestLog(redactor);
    }

    /** a new session, holding the system prompt rendered for this registry. */
    public Conversation conversation() {
        return new Conversation(kernel.system());
    }

    /** one request in a fresh conversation. */
    public Plan plan(String prompt, Mode mode) {
        return plan(conversation(), prompt, mode);
    }

    /**
     * the model's plan for {@code prompt}, validated. with {@link Mode#AUTO} the prompt kernel's rules
     * choose planonly or actionplan; a forced mode narrows the schema and is checked again here.
     *
     * @throws PlannerException when no valid plan came within the repair rounds
     * @throws dev.llmos.llm.client.ModelException when the model could not be asked
     */
    public Plan plan(Conversation conversation, String prompt, Mode mode) {
        int mark = conversation.size();
        String unseen = conversation.unseen();
        conversation.request((unseen.isEmpty() ? "" : unseen + "\n\n") + kernel.request(prompt, mode));
        conversation.unseen("");
        try {
            return ask(conversation, mode);
        } catch (RuntimeException e) {
            // as undoOnFailure, and the results it carried wait for the next request again
            conversation.truncate(mark);
            conversation.unseen(unseen);
            throw e;
        }
    }

    /**
     * a run whose outcome does not go back to the model now (a person refused a step, policy denied
     * again, or the model could not be asked): its redacted results go out with the next request of
     * the same conversation, so the model never takes for granted what did not happen.
     */
    public void ended(Conversation conversation, RunOutcome outcome) {
        conversation.unseen(kernel.ended(Json.write(feedback(outcome))));
    }

    /**
     * feeds a run's outcome back (as redacted json) and asks for what comes next. after
     * {@code max_steps} actionplans for one request, the model must give a planonly summary instead.
     */
    public Turn next(Conversation conversation, RunOutcome outcome) {
        String json = Json.write(feedback(outcome));
        int mark = conversation.size();
        if (conversation.actionPlans() >= config.maxSteps()) {
            conversation.add(Message.user(kernel.lastResults(json, config.maxSteps())));
            Plan summary = undoOnFailure(conversation, mark, () -> ask(conversation, Mode.PLANONLY));
            return new Turn.LimitReached(summary, config.maxSteps());
        }
        conversation.add(Message.user(kernel.results(json, conversation.actionPlans(), config.maxSteps())));
        Plan plan = undoOnFailure(conversation, mark, () -> ask(conversation, Mode.AUTO));
        return switch (plan.mode()) {
            case ACTIONPLAN -> new Turn.Act(plan);
            case PLANONLY -> new Turn.Answer(plan);
        };
    }

    /**
     * what the model sees of an outcome: digests dropped (they mean nothing to it), every string
     * redacted, then cut to {@code result_chars} so one noisy command cannot fill the context.
     */
    public JsonNode feedback(RunOutcome outcome) {
        ObjectNode tree = (ObjectNode) Json.tree(outcome);
        tree.remove(List.of("plan_digest", "policy_digest"));
        return trim(redactor.redact(tree));
    }

    public StrictSchema strictSchema() {
        return strict;
    }

    public PromptKernel kernel() {
        return kernel;
    }

    public ModelConfig config() {
        return config;
    }

    /**
     * a failed turn leaves no unanswered message behind: many chat templates refuse two user
     * messages in a row, which would break every later turn of an interactive session.
     */
    private static Plan undoOnFailure(Conversation conversation, int mark, Supplier<Plan> turn) {
        try {
            return turn.get();
        } catch (RuntimeException e) {
            conversation.truncate(mark);
            throw e;
        }
    }

    /**
     * asks until a valid plan comes or the repair rounds are used up. a short invalid answer goes back
     * with its first errors; a long one is not repeated (it would crowd out the context), only its
     * length and first errors are added to the last message. every request is cut to the context.
     */
    private Plan ask(Conversation conversation, Mode mode) {
        ObjectNode schema = strict.schema(mode);
        List<Message> base = conversation.messages();
        int requestAt = conversation.requestAt();
        List<Message> messages = new ArrayList<>(base);
        List<PlanError> errors = List.of();
        String text = "";
        for (int answer = 1; answer <= config.maxRepairs() + 1; answer++) {
            List<Message> sent = ContextFit.fit(messages, requestAt, client, config);
            requests.request(client.describe(), sent, answer);
            text = Answers.clean(client.complete(sent, schema));
            requests.answer(client.describe(), text);
            try {
                Plan plan = check(text, mode);
                conversation.add(Message.assistant(text));
                if (plan.mode() == PlanMode.ACTIONPLAN) {
                    conversation.countActionPlan();
                }
                return plan;
            } catch (PlanValidationException e) {
                errors = e.errors();
                boolean again = answer <= config.maxRepairs();
                LOG.info("answer {} from {} is not a valid plan ({} errors){}", answer, client.describe(), errors.size(),
                        again ? "; asking for a repair" : "");
                if (!again) {
                    break;
                }
                notices.accept("the model's " + ordinal(answer) + " answer was invalid (" + PromptKernel.count(errors)
                        + "); asked again");
                if (text.length() <= LONG_ANSWER) {
                    messages.add(Message.assistant(text));
                    messages.add(Message.user(kernel.repair(errors)));
                } else {
                    messages = new ArrayList<>(base);
                    Message last = messages.remove(messages.size() - 1);
                    messages.add(Message.user(last.text() + "\n\n" + kernel.repairLong(errors, text.length())));
                }
            }
        }
        throw new PlannerException(config.maxRepairs() + 1, errors, text);
    }

    private static String ordinal(int n) {
        return switch (n) {
            case 1 -> "first";
            case 2 -> "second";
            case 3 -> "third";
            default -> n + "th";
        };
    }

    private Plan check(String text, Mode mode) {
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > PlanParser.MAX_PLAN_BYTES) {
            throw invalid("", "answer is " + size + " bytes, more than the limit of " + PlanParser.MAX_PLAN_BYTES);
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw invalid("", "malformed json" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                    + at.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (node == null || node.isMissingNode()) {
            throw invalid("", "empty answer: expected a plan object");
        }
        JsonNode normal = strict.normalize(node);
        if (NothingToDo.applies(normal)) {
            // an actionplan with no actions: the model found nothing to do, which is an answer, not an error
            LOG.info("the model proposed an actionplan with no actions; taken as its final answer");
            return parser.parse(NothingToDo.answer((ObjectNode) normal));
        }
        Plan plan = parser.parse(normal);
        Optional<PlanMode> forced = mode.forced();
        if (forced.isPresent() && plan.mode() != forced.get()) {
            throw invalid("/mode", "must be " + forced.get().wire() + " for this request");
        }
        return plan;
    }

    private static PlanValidationException invalid(String pointer, String message) {
        return new PlanValidationException(List.of(new PlanError(pointer, message)));
    }

    private JsonNode trim(JsonNode node) {
        if (node.isTextual() && node.asText().length() > config.resultChars()) {
            String text = node.asText();
            return TextNode.valueOf(text.substring(0, config.resultChars()) + "... [" + (text.length() - config.resultChars())
                    + " more characters not shown]");
        }
        if (node.isObject()) {
            ObjectNode out = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            out.fieldNames().forEachRemaining(names::add);
            names.forEach(n -> out.set(n, trim(out.get(n))));
            return out;
        }
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                ((ArrayNode) node).set(i, trim(node.get(i)));
            }
        }
        return node;
    }
}
