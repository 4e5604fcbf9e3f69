package dev.llmos.cli.catalog;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanSchema;
import dev.llmos.engine.spi.ActionSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code llmsh actions}: every action type this build knows, straight from the registry. */
@Command(name = "actions", mixinStandardHelpOptions = true,
        description = "List the action types plans may use, with their summary and effect.")
public final class ActionsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--schema", paramLabel = "TYPE", description = "print the json schema of one action type")
    String schemaOf;

    @Option(names = "--json", description = "print the action types as json: type, effect, dry_run, undo, summary")
    boolean json;

    @Option(names = "--markdown", description = "print the action reference (every type with its fields) as markdown")
    boolean markdown;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Wiring.logging(root);
        PrintWriter out = root.context().io().out();
        ActionRegistry registry = Wiring.registry();
        if (schemaOf != null) {
            if (registry.handler(schemaOf).isEmpty()) {
                throw new BadInputException("unknown action type " + schemaOf + " (known: " + String.join(", ", registry.types()) + ")");
            }
            out.println(Json.pretty(PlanSchema.ofAction(PlanSchema.generate(registry), schemaOf)));
            return ExitCodes.OK;
        }
        if (markdown) {
            out.print(ActionReference.markdown(registry));
            return ExitCodes.OK;
        }
        if (json) {
            var types = Json.mapper().createArrayNode();
            for (ActionSpec<?> s : registry.specs()) {
                types.addObject().put("type", s.type()).put("effect", s.effect().wire()).put("dry_run", s.canDryRun())
                        .put("undo", s.canUndo()).put("summary", s.summary());
            }
            out.println(Json.pretty(types));
            return ExitCodes.OK;
        }
        int typeWidth = Math.max(4, registry.types().stream().mapToInt(String::length).max().orElse(0));
        out.println(pad("TYPE", typeWidth) + "  " + pad("EFFECT", 11) + "  " + pad("DRY-RUN", 7) + "  " + pad("UNDO", 4) + "  SUMMARY");
        for (ActionSpec<?> s : registry.specs()) {
            out.println(pad(s.type(), typeWidth) + "  " + pad(s.effect().wire(), 11) + "  " + pad(s.canDryRun() ? "yes" : "no", 7)
                    + "  " + pad(s.canUndo() ? "yes" : "no", 4) + "  " + s.summary());
        }
        return ExitCodes.OK;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
