package dev.llmos.cli.ask;

import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.run.ConfirmPrompt;
import dev.llmos.llm.Mode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code llmsh plan}: the model's plan in prose, and nothing executes. the request is forced to
 * planonly, whose schema has no actions at all, and this session refuses to run one anyway.
 */
@Command(name = "plan", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask the model how it would do something. It answers with a plan in prose",
                "(planonly); nothing is executed, whatever the model answers."},
        footer = {"", "Exit codes: 0 the model answered; 1 the model could not be asked or gave no valid",
                "plan; 2 bad input. Model settings: docs/models.md."})
public final class PlanCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--json", description = "print the request and the plan as json on stdout and nothing else")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "what you want planned, in plain words")
    List<String> words;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        String prompt = AskCommand.prompt(words);
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        Session.Behaviour planOnly = new Session.Behaviour(json, ConfirmPrompt.Mode.NOBODY, false);
        try (Session session = Session.open(root, model, planOnly, in)) {
            return AskCommand.finish(io, session.ask(prompt, Mode.PLANONLY), json);
        }
    }
}
