package dev.llmos.cli.run;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Colour;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanMode;
import dev.llmos.engine.plan.PlanParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llmsh run}: the embedded pipeline, with the caller's own privileges. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Validate a plan, decide it with the policy, ask about CONFIRM actions, run it, print the results.",
                "Runs in-process with your own privileges (embedded mode)."},
        footer = {"", "Exit codes: 0 everything ran (or a dry run / planonly plan), 1 something was denied, not approved or failed,",
                "2 bad input (usage, unreadable or invalid plan, policy that does not compile),",
                "130 cancelled by Ctrl-C (the running step was stopped and the automatic recovery ran)."})
public final class RunCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dry-run", description = "decide and show what would change (a diff for each file write); execute nothing")
    boolean dryRun;

    @Option(names = "--json", description = "print the whole outcome as json on stdout and nothing else (questions go to stderr)")
    boolean json;

    @Option(names = {"-y", "--yes"}, description = "approve every CONFIRM action without asking; never overrides a DENY")
    boolean yes;

    @Parameters(paramLabel = "PLAN", description = "the plan file (json), or - for stdin")
    String plan;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Context context = root.context();
        Io io = context.io();
        Settings settings = Wiring.settings(root);
        String text = PlanParser.text(readPlan(io, context.env().cwd()));
        PrintWriter human = json ? io.err() : io.out();
        try (CtrlC ctrlC = CtrlC.install(io.err()); Backend backend = Backends.choose(root, settings, context, io.err()).open()) {
            Plan parsed = backend.parse(text);
            if (backend instanceof DaemonBackend) {
                human.println("(" + backend.where() + ")");
            }
            RunOutcome outcome;
            if (parsed.mode() == PlanMode.PLANONLY) {
                outcome = backend.planOnly(parsed);
                if (!json) {
                    ResultView.planOnly(io.out(), outcome);
                }
            } else {
                DecidedPlan decided = backend.decide(parsed);
                boolean asking = !dryRun && !decided.anyDenied() && !decided.toConfirm().isEmpty();
                if (!json || (asking && prompt(io).equals(ConfirmPrompt.Mode.ASK))) {
                    DecisionTable.print(human, parsed, backend.planDigest(parsed), decided.policyDigest(), DecisionTable.rows(decided),
                            json ? Colour.OFF : Colour.forStdout(io, context.env()));
                }
                ConfirmPrompt confirm = new ConfirmPrompt(prompt(io), io.in(), human, whyNobody());
                if (!dryRun && !asking) {
                    ctrlC.executing(backend::cancel);
                }
                outcome = backend.run(decided, d -> {
                    java.util.Set<String> approved = confirm.approve(d);
                    ctrlC.executing(backend::cancel);
                    return approved;
                }, dryRun);
                if (!json && outcome.status() == RunStatus.DRY_RUN) {
                    ResultView.previews(io.out(), outcome);
                } else if (!json && !dryRun) {
                    io.out().println();
                    ResultView.results(io.out(), outcome);
                }
            }
            if (json) {
                io.out().println(Json.pretty(outcome));
            } else {
                io.out().println();
                io.out().println(ResultView.summary(outcome));
            }
            // out before ctrl-c's hook lets an interrupted process exit
            io.out().flush();
            return ExitCodes.of(outcome.status());
        }
    }

    private ConfirmPrompt.Mode prompt(Io io) {
        if (yes) {
            return ConfirmPrompt.Mode.YES;
        }
        return io.interactive() && !"-".equals(plan) ? ConfirmPrompt.Mode.ASK : ConfirmPrompt.Mode.NOBODY;
    }

    private String whyNobody() {
        return "-".equals(plan) ? "stdin carried the plan, so nobody can answer" : "stdin is not a terminal";
    }

    /** the plan's bytes, up to the parser's limit; a bigger plan is refused here with its real size. */
    private byte[] readPlan(Io io, Path cwd) {
        if ("-".equals(plan)) {
            try {
                byte[] bytes = io.in().readNBytes(PlanParser.MAX_PLAN_BYTES + 1);
                if (bytes.length > PlanParser.MAX_PLAN_BYTES) {
                    throw new BadInputException("the plan on stdin is more than " + PlanParser.MAX_PLAN_BYTES
                            + " bytes, the limit; nothing ran");
                }
                return bytes;
            } catch (IOException e) {
                throw new BadInputException("cannot read the plan from stdin: " + e.getMessage(), e);
            }
        }
        Path file = cwd.resolve(plan);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read plan " + plan + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes(PlanParser.MAX_PLAN_BYTES + 1);
            if (bytes.length > PlanParser.MAX_PLAN_BYTES) {
                throw new BadInputException("plan " + plan + " is " + Files.size(file) + " bytes, more than the limit of "
                        + PlanParser.MAX_PLAN_BYTES + "; nothing ran");
            }
            return bytes;
        } catch (IOException e) {
            throw new BadInputException("cannot read plan " + plan + ": " + e.getMessage(), e);
        }
    }
}
