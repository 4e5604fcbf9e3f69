package dev.llmos.cli.ask;

import dev.llmos.cli.app.Colour;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.ask.AskResult.Ending;
import dev.llmos.cli.run.Backend;
import dev.llmos.cli.run.Backends;
import dev.llmos.cli.run.CtrlC;
import dev.llmos.cli.run.ConfirmPrompt;
import dev.llmos.cli.run.DecisionTable;
import dev.llmos.cli.run.ResultView;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.llm.Conversation;
import dev.llmos.llm.Mode;
import dev.llmos.llm.Planner;
import dev.llmos.llm.PlannerException;
import dev.llmos.llm.Turn;
import dev.llmos.llm.client.ModelClient;
import dev.llmos.llm.client.ModelException;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * one person talking to the model: prompt -> plan -> decisions shown -> confirmation -> execution
 * -> results back to the model -> next plan or the answer. the model only proposes; llmsh decides
 * where plans run (llm-osd or embedded) and runs them, exactly as {@code llmsh run} does. the
 * conversation and the model client (and a server started on demand) last as long as the session.
 */
final class Session implements AutoCloseable {

    /** what a session may do besides asking the model. */
    record Behaviour(boolean json, ConfirmPrompt.Mode confirm, boolean mayRun) {
    }

    private final Planner planner;
    private final ModelClient client;
    private final Io io;
    private final BufferedReader in;
    private final Behaviour behaviour;
    private final Supplier<Backends> choose;
    private final String model;
    private final Colour colour;
    private Backends backends;
    private Conversation conversation;
    private boolean spoke;

    private Session(Planner planner, ModelClient client, Io io, BufferedReader in, Behaviour behaviour,
                    Supplier<Backends> choose, String model, Env colourEnv) {
        this.planner = planner;
        this.client = client;
        this.io = io;
        this.in = in;
        this.behaviour = behaviour;
        this.choose = choose;
        this.model = model;
        this.colour = behaviour.json() ? Colour.OFF : Colour.forStdout(io, colourEnv);
        this.conversation = planner.conversation();
    }

    /** {@code in} is shared with whoever else reads stdin (the shell), so confirmations never read ahead. */
    static Session open(RootCommand root, ModelOptions options, Behaviour behaviour, BufferedReader in) {
        return open(root, Wiring.settings(root), options, behaviour, in);
    }

    /** with settings already resolved, so the config file is read once per process. */
    static Session open(RootCommand root, Settings settings, ModelOptions options, Behaviour behaviour, BufferedReader in) {
        Io io = root.context().io();
        ModelSetup setup = ModelSetup.resolve(options, root.context().env());
        Waiting waiting = Waiting.on(io.err(), io.interactive());
        ModelClient client = new WatchedModel(setup.open(waiting, settings.stateDir().resolve("model-server")), waiting, setup.unconfiguredHint());
        // notes on how the model is doing go where the waiting line goes, so stdout keeps only results
        Planner planner = new Planner(client, new PlanParser(Wiring.registry()), setup.config(), line -> {
            io.err().println(line);
            io.err().flush();
        });
        // chosen on the first actionplan: a session that only talks needs neither policy nor daemon
        Supplier<Backends> choose = () -> Backends.choose(root, settings, root.context(), io.err());
        return new Session(planner, client, io, in, behaviour, choose, client.describe(), root.context().env());
    }

    /** where answers come from, for the shell's greeting. */
    String model() {
        return model;
    }

    /** forgets the conversation: the next prompt starts from the system prompt alone. */
    void forget() {
        conversation = planner.conversation();
    }

    AskResult ask(String prompt, Mode mode) {
        spoke = false;
        List<RunOutcome> runs = new ArrayList<>();
        RunOutcome unseen = null;
        boolean denialReported = false;
        try {
            Plan first = planner.plan(conversation, prompt, mode);
            Turn turn = first.mode() == PlanMode.ACTIONPLAN ? new Turn.Act(first) : new Turn.Answer(first);
            while (true) {
                switch (turn) {
                    case Turn.Answer answer -> {
                        answer(mode == Mode.PLANONLY ? "plan (planonly, nothing executes): " : "answer: ", answer.plan());
                        return new AskResult(prompt, mode, Ending.ANSWERED, runs, answer.plan(), null, null);
                    }
                    case Turn.LimitReached limit -> {
                        String plans = limit.limit() == 1 ? " plan" : " plans";
                        answer("step limit of " + limit.limit() + plans + " reached; the model sums up: ", limit.plan());
                        return new AskResult(prompt, mode, Ending.LIMIT_REACHED, runs, limit.plan(), null, null);
                    }
                    case Turn.Act act -> {
                        RunOutcome outcome = run(act.plan(), mode);
                        runs.add(outcome);
                        boolean refused = outcome.status() == RunStatus.NOT_APPROVED;
                        if (refused || outcome.status() == RunStatus.DENIED && denialReported) {
                            // a person's no ends the request; so does a second denial, which the model was told of
                            planner.ended(conversation, outcome);
                            return new AskResult(prompt, mode, refused ? Ending.NOT_APPROVED : Ending.DENIED, runs, null, null, null);
                        }
                        if (outcome.status() == RunStatus.DENIED) {
                            denialReported = true;
                            human().println("the model is told why, once, so it can find another way");
                        }
                        unseen = outcome;
                        turn = planner.next(conversation, outcome);
                        unseen = null;
                    }
                }
            }
        } catch (ModelException | PlannerException e) {
            if (unseen != null) {
                planner.ended(conversation, unseen);
            }
            String kind = e instanceof ModelException m ? m.kind().wire() : PlannerException.KIND;
            return new AskResult(prompt, mode, Ending.MODEL_FAILED, runs, null, e.getMessage(), kind);
        }
    }

    /** decide, show, confirm and run one actionplan, as {@code llmsh run} does. */
    private RunOutcome run(Plan plan, Mode mode) {
        if (!behaviour.mayRun() || mode == Mode.PLANONLY) {
            throw new IllegalStateException("a planonly request never runs anything");
        }
        if (backends == null) {
            backends = choose.get();
        }
        boolean json = behaviour.json();
        PrintWriter human = human();
        PrintWriter out = io.out();
        try (CtrlC ctrlC = CtrlC.install(io.err()); Backend backend = backends.open()) {
            if (!json) {
                separate();
            }
            if (backends.daemon() && !json) {
                human.println("(" + backend.where() + ")");
            }
            DecidedPlan decided = backend.decide(plan);
            boolean asking = !decided.anyDenied() && !decided.toConfirm().isEmpty();
            if (!json || asking && behaviour.confirm() == ConfirmPrompt.Mode.ASK) {
                DecisionTable.print(human, plan, decided.policyDigest(), DecisionTable.rows(decided), colour);
            }
            ConfirmPrompt prompt = new ConfirmPrompt(behaviour.confirm(), in, human, "stdin is not a terminal");
            // ctrl-c while steps run cancels them (step stopped, recovery run, audited) before the process exits
            if (!asking) {
                ctrlC.executing(backend::cancel);
            }
            RunOutcome outcome = backend.run(decided, d -> {
                java.util.Set<String> approved = prompt.approve(d);
                ctrlC.executing(backend::cancel);
                return approved;
            }, false);
            if (!json) {
                out.println();
                ResultView.results(out, outcome);
                out.println();
                out.println(ResultView.summary(outcome));
            }
            out.flush();
            return outcome;
        }
    }

    private void answer(String heading, Plan plan) {
        if (behaviour.json()) {
            return;
        }
        PrintWriter out = io.out();
        separate();
        out.println(heading + plan.goal());
        List<String> steps = plan.steps();
        for (int i = 0; i < steps.size(); i++) {
            out.println("  " + (i + 1) + ". " + steps.get(i));
        }
        out.flush();
    }

    /** a blank line between the parts of a request, none before the first. */
    private void separate() {
        if (spoke) {
            io.out().println();
        }
        spoke = true;
    }

    /** where people read: stdout, or stderr when stdout carries json. */
    private PrintWriter human() {
        return behaviour.json() ? io.err() : io.out();
    }

    @Override
    public void close() {
        client.close();
    }
}
