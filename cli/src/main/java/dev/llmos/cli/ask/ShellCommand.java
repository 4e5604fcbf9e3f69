package dev.llmos.cli.ask;

import dev.llmos.cli.app.RootCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code llmsh shell} (and {@code llmsh} alone at a terminal): requests one a line, in one conversation. */
@Command(name = "shell", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Read requests one a line and carry out each as llmsh ask does, in one",
                "conversation, with history in the state directory. :plan REQUEST only plans;",
                ":q leaves. llmsh alone at a terminal starts this too."},
        footer = {"", "Model settings: docs/models.md."})
public final class ShellCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = {"-y", "--yes"}, description = "approve every CONFIRM action without asking; never overrides a DENY")
    boolean yes;

    @Override
    public Integer call() {
        return Shell.start((RootCommand) spec.root().userObject(), model, yes);
    }
}
