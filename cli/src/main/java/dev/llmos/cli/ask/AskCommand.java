package dev.llmos.cli.ask;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.run.ConfirmPrompt;
import dev.llmos.engine.json.Json;
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

/** {@code llmsh ask}: one request in plain words, carried out step by step through policy. */
@Command(name = "ask", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Ask the model for what you want done. Each plan it proposes is decided by the",
                "policy, shown, confirmed by you where policy asks, and run by llmsh (via llm-osd",
                "when it answers, else embedded). The results, redacted, go back to the model",
                "until it answers or the step limit is reached."},
        footer = {"", "A refused step ends the request. A denied plan's reason goes back to the model",
                "once; a second denial ends it.",
                "Exit codes: 0 everything ran (or nothing needed to); 1 something was denied, not",
                "approved or failed, or the model could not be asked; 2 bad input (usage, model",
                "settings). Model settings: docs/models.md."})
public final class AskCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = {"-y", "--yes"}, description = "approve every CONFIRM action without asking; never overrides a DENY")
    boolean yes;

    @Option(names = "--json", description = "print the whole request (every run, the answer) as json on stdout and nothing else")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "PROMPT", description = "what you want, in plain words")
    List<String> words;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        String prompt = prompt(words);
        ConfirmPrompt.Mode confirm = yes ? ConfirmPrompt.Mode.YES
                : io.interactive() ? ConfirmPrompt.Mode.ASK : ConfirmPrompt.Mode.NOBODY;
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        try (Session session = Session.open(root, model, new Session.Behaviour(json, confirm, true), in)) {
            return finish(io, session.ask(prompt, Mode.AUTO), json);
        }
    }

    static String prompt(List<String> words) {
        String prompt = String.join(" ", words).strip();
        if (prompt.isEmpty()) {
            throw new BadInputException("the prompt is empty: say what you want, e.g. llmsh ask \"how full is /var?\"");
        }
        return prompt;
    }

    /** the error on stderr, the json on stdout if asked for, and the exit code. */
    static int finish(Io io, AskResult result, boolean json) {
        if (result.error() != null) {
            io.err().println("llmsh: " + result.error());
            io.err().flush();
        }
        if (json) {
            io.out().println(Json.pretty(result.json()));
        }
        io.out().flush();
        return result.exitCode();
    }
}
