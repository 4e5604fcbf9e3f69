package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import dev.llmos.engine.host.HostProbe;
import picocli.CommandLine;

/**
 * builds the top-level commands for picocli's bash completion generator, which instantiates
 * command classes itself: {@code picocli.AutoComplete --factory} names this class. scripts/package
 * runs it at build time; man pages come from {@link ManPages}.
 */
public final class DocsFactory implements CommandLine.IFactory {

    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        if (cls == Llmsh.class || cls == Llmosd.class) {
            boolean root = HostProbe.system().currentProcess().isRoot();
            Context context = new Context(Io.system(), Env.system(root), new DroolsPolicies());
            return cls.cast(cls == Llmsh.class ? new Llmsh(context) : new Llmosd(context));
        }
        return fallback.create(cls);
    }
}
