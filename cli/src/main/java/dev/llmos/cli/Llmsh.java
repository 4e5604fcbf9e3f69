package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.CommandLines;
import dev.llmos.cli.app.GlobalOptions;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.ask.AskCommand;
import dev.llmos.cli.ask.ModelOptions;
import dev.llmos.cli.ask.PlanCommand;
import dev.llmos.cli.ask.Shell;
import dev.llmos.cli.ask.ShellCommand;
import dev.llmos.cli.audit.AuditCommand;
import dev.llmos.cli.catalog.ActionsCommand;
import dev.llmos.cli.catalog.SchemaCommand;
import dev.llmos.cli.mcp.McpCommand;
import dev.llmos.cli.policy.PolicyCommand;
import dev.llmos.cli.run.RunCommand;
import dev.llmos.cli.status.RecoverCommand;
import dev.llmos.cli.status.StatusCommand;
import dev.llmos.engine.host.HostProbe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code llmsh}: runs plans through policy, checks policies, lists what plans may do. */
@Command(name = "llmsh", mixinStandardHelpOptions = true, versionProvider = Llmsh.Version.class,
        subcommands = {AskCommand.class, PlanCommand.class, ShellCommand.class, RunCommand.class, StatusCommand.class, RecoverCommand.class,
                AuditCommand.class, PolicyCommand.class, ActionsCommand.class, SchemaCommand.class, McpCommand.class},
        description = {"llm-os shell: a plan (json) is validated, decided by the admin's drools policy,",
                "confirmed by you where policy asks, executed by deterministic code, and audited."},
        footer = {"", "Exit codes: 0 ok, 1 something was denied, not approved or failed (or a named llm-osd does not answer), 2 bad input, 130 cancelled by Ctrl-C.",
                "Docs: README.md and docs/ in the installation."})
public final class Llmsh implements Callable<Integer>, RootCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    private final Context context;

    public Llmsh(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        Io io = Io.system();
        boolean root = HostProbe.system().currentProcess().isRoot();
        int code = commandLine(new Context(io, Env.system(root), new DroolsPolicies())).execute(args);
        io.out().flush();
        io.err().flush();
        System.exit(code);
    }

    /** the whole command line, wired to the given context; tests call this with their own streams. */
    public static CommandLine commandLine(Context context) {
        return CommandLines.wired(new Llmsh(context), context, "llmsh");
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
            String v = Llmsh.class.getPackage().getImplementationVersion();
            return new String[]{"llmsh " + (v == null ? "(development build)" : v)};
        }
    }
}
