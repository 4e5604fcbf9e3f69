package dev.llmos.cli;

import dev.llmos.cli.app.CommandLines;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.GlobalOptions;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.ask.ModelOptions;
import dev.llmos.cli.ask.Shell;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * {@code llmsh} without its subcommands: what a command line that names one subcommand is built
 * on, so picocli reads only that one (decision 0023). {@link Llmsh} adds the whole tree.
 */
@Command(name = "llmsh", mixinStandardHelpOptions = true, versionProvider = LlmshRoot.Version.class,
        description = {"llm-os shell: a plan (json) is validated, decided by the admin's drools policy,",
                "confirmed by you where policy asks, executed by deterministic code, and audited."},
        footer = {"", "Exit codes: 0 ok, 1 something was denied, not approved or failed (or a named llm-osd does not answer), 2 bad input, 130 cancelled by Ctrl-C.",
                "Docs: README.md and docs/ in the installation."})
public class LlmshRoot implements Callable<Integer>, RootCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    private final Context context;

    public LlmshRoot(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        if (context.io().interactive()) {
            return Shell.start(this, new ModelOptions(), false);
        }
        throw new ParameterException(spec.commandLine(), "missing subcommand: try llmsh run PLAN.json, or llmsh --help");
    }

    @Override
    public GlobalOptions globals() {
        return globals;
    }

    @Override
    public Context context() {
        return context;
    }

    /** the version maven stamped into the jar's manifest, if run from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return CommandLines.version("llmsh");
        }
    }
}
