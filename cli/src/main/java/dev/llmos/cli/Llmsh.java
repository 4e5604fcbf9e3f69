package dev.llmos.cli;

import dev.llmos.cli.app.CommandLines;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.LazyTree;
import dev.llmos.cli.ask.AskCommand;
import dev.llmos.cli.ask.PlanCommand;
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

/**
 * {@code llmsh}: runs plans through policy, checks policies, lists what plans may do. this is the
 * whole command tree (help, completion, man pages, the shell); the name, options and texts are
 * {@link LlmshRoot}'s, which picocli reads through the class hierarchy.
 */
@Command(subcommands = {AskCommand.class, PlanCommand.class, ShellCommand.class, RunCommand.class, StatusCommand.class,
        RecoverCommand.class, AuditCommand.class, PolicyCommand.class, ActionsCommand.class, SchemaCommand.class,
        McpCommand.class})
public final class Llmsh extends LlmshRoot {

    public Llmsh(Context context) {
        super(context);
    }

    public static void main(String[] args) {
        Io io = Io.system();
        boolean root = HostProbe.system().currentProcess().isRoot();
        int code = commandLine(new Context(io, Env.system(root), new DroolsPolicies()), args).execute(args);
        io.out().flush();
        io.err().flush();
        System.exit(code);
    }

    /** the whole command line, wired to the given context; tests call this with their own streams. */
    public static CommandLine commandLine(Context context) {
        return CommandLines.wired(new Llmsh(context), context, "llmsh");
    }

    /**
     * only as much of the command line as {@code args} need: the root and the one subcommand they
     * name, or the root alone for {@code --version}; the whole tree for anything else.
     */
    public static CommandLine commandLine(Context context, String[] args) {
        return LazyTree.pick(Llmsh.class, args)
                .map(subs -> CommandLines.wired(new LlmshRoot(context), subs, context, "llmsh"))
                .orElseGet(() -> commandLine(context));
    }
}
