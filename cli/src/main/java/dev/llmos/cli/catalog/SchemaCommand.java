package dev.llmos.cli.catalog;

import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.schema.PlanSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code llmsh schema}: the plan's json schema, generated from the action registry. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the plan's json schema (draft-07), generated from the registered actions.")
public final class SchemaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "accepted for symmetry with the other commands: the schema is json anyway")
    boolean json;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Wiring.logging(root);
        root.context().io().out().println(Json.pretty(PlanSchema.generate(Wiring.registry())));
        return ExitCodes.OK;
    }
}
