package dev.llmos.cli.mcp;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.run.Backends;
import dev.llmos.llm.ModelConfigLoader;
import dev.llmos.llm.Redactor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code llmsh mcp}: llm-os as an mcp server on stdio. this class names no sdk type, so picocli can
 * build it for every command line without loading the sdk; {@link McpServe} does the serving.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Serve llm-os's actions as MCP tools on stdin/stdout, for agents (Claude Code, Codex, Gemini CLI, ...).",
                "One tool per action type, plus plan and explain. Every call goes through the same pipeline as",
                "llmsh run: validated, decided by the admin's policy, confirmed by a person where policy asks, run, audited.",
                "Through llm-osd when it answers (the MCP client is the requester it sees), else with --embedded in this process."},
        footer = {"", "Client configurations: docs/mcp.md. Logs and notices go to stderr; stdout carries only the protocol.",
                "Exit codes: 0 the client closed stdin, 2 bad input (usage, policy that does not compile)."})
public final class McpCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--confirm", paramLabel = "HOW", defaultValue = "auto",
            description = "how CONFIRM actions are asked: auto (MCP elicitation where the client supports it, else the "
                    + "terminal of llmsh mcp, else refused), elicit, tty, never (default: ${DEFAULT-VALUE})")
    String confirm;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Context context = root.context();
        ConfirmVia via = via(confirm);
        Settings settings = Wiring.settings(root);
        List<String> redact = redactions(context);
        String version = McpCommand.class.getPackage().getImplementationVersion();
        return McpServe.serve(() -> Backends.choose(root, settings, context, context.io().err()), Wiring.registry(), via, redact,
                context.io().in(),
                new PrintStream(new FileOutputStream(FileDescriptor.out), true, java.nio.charset.StandardCharsets.UTF_8),
                context.io().err(), version == null ? "development" : version);
    }

    /**
     * the extra redaction patterns of the model configuration, so results reach an agent redacted
     * exactly as they reach the planner; a configuration that cannot be read stops the server.
     */
    private static List<String> redactions(Context context) {
        try {
            Optional<Path> file = ModelConfigLoader.locate(null, context.env().vars(), context.env().home());
            List<String> extra = ModelConfigLoader.load(Map.of(), context.env().vars(), file).redact();
            Redactor.withDefaultsAnd(extra);
            return extra;
        } catch (ModelConfigLoader.ConfigException e) {
            throw new BadInputException(e.getMessage() + " (llmsh mcp redacts results with the model config's redact patterns)", e);
        }
    }

    private ConfirmVia via(String value) {
        for (ConfirmVia v : ConfirmVia.values()) {
            if (v.name().equalsIgnoreCase(value)) {
                return v;
            }
        }
        throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--confirm must be one of auto, elicit, tty, never; got " + value);
    }
}
