package dev.llmos.cli.policy;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.factsdoc.FactsMarkdown;
import dev.llmos.cli.factsdoc.FactsReference;
import dev.llmos.engine.json.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llmsh policy facts}: what rules can see and record, generated from the code of this build. */
@Command(name = "facts", mixinStandardHelpOptions = true,
        description = {"Print every fact type rules can see (each action kind's fact, the plan, the requester, the host),",
                "what a then block can record, verdicts, precondition and recovery step kinds.",
                "--update FILE rewrites the generated block of a document (docs/policy-guide.md) in place."})
public final class PolicyFactsCommand implements Callable<Integer> {

    /** how the reference is printed. */
    enum Format { markdown, json }

    @Spec
    CommandSpec spec;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "markdown", description = "markdown (default) or json")
    Format format;

    @Option(names = "--json", description = "the same as --format json")
    boolean json;

    @Option(names = "--update", paramLabel = "FILE", description = "replace the generated block of FILE instead of printing")
    Path update;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Context context = root.context();
        Wiring.logging(root);
        FactsReference ref = FactsReference.of(Wiring.registry());
        if (update != null) {
            Path file = context.env().cwd().resolve(update);
            try {
                String doc = Files.readString(file);
                String updated = FactsMarkdown.replaceBlock(doc, FactsMarkdown.render(ref));
                Files.writeString(file, updated);
                context.io().out().println(file + (updated.equals(doc) ? ": already up to date" : ": updated"));
            } catch (IOException | IllegalArgumentException e) {
                throw new BadInputException("cannot update " + file + ": " + e.getMessage(), e);
            }
            return ExitCodes.OK;
        }
        if (json || format == Format.json) {
            context.io().out().println(Json.pretty(ref));
        } else {
            context.io().out().print(FactsMarkdown.render(ref));
        }
        return ExitCodes.OK;
    }
}
