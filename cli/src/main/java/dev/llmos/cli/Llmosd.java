package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.CommandLines;
import dev.llmos.cli.app.GlobalOptions;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.daemon.ServeCommand;
import dev.llmos.engine.host.HostProbe;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code llm-osd}: the root daemon. validates, decides, executes and audits plans sent on its socket. */
@Command(name = "llm-osd", mixinStandardHelpOptions = true, versionProvider = Llmosd.Version.class,
        subcommands = {ServeCommand.class},
        description = {"llm-os root daemon: json-rpc 2.0 on a unix socket (docs/protocol.md).",
                "it trusts the caller's socket credentials and the admin's policy, never the model."},
        footer = {"", "Exit codes: 0 stopped cleanly (or idle), 2 bad configuration or a policy that does not compile."})
public final class Llmosd implements Callable<Integer>, RootCommand {

    @Spec
    CommandSpec spec;

    @Mixin
    GlobalOptions globals;

    private final Context context;

    public Llmosd(Context context) {
        this.context = context;
    }

    public static void main(String[] args) {
        Io io = Io.system();
        boolean root = HostProbe.system().currentProcess().isRoot();
        CommandLine cl = commandLine(new Context(io, Env.system(root), new DroolsPolicies()));
        int code = cl.execute(args);
        io.out().flush();
        io.err().flush();
        System.exit(code);
    }

    /** the daemon's command line, wired to the given context; tests call this with their own streams. */
    public static CommandLine commandLine(Context context) {
        return CommandLines.wired(new Llmosd(context), context, "llm-osd");
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: try llm-osd serve, or llm-osd --help");
    }

    @Override
    public GlobalOptions globals() {
        return globals;
    }

    @Override
    public Context context() {
        return context;
    }

    /** the version maven stamped into the jar's manifest, under the daemon's own name. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return CommandLines.version("llm-osd");
        }
    }
}
