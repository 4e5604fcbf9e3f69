package dev.llmos.cli.policy;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.TracedDecisions;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.explain.ExplainJson;
import dev.llmos.cli.explain.ExplainText;
import dev.llmos.cli.explain.Explainer;
import dev.llmos.cli.explain.Explanation;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.policy.PolicyEngine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code llmsh policy explain PLAN.json}: decides the plan as {@code llmsh run} would (same
 * requester, host, working directory and protected paths), runs nothing, and shows every rule that
 * matched each action and why the decision won.
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = {"Show, for each action of a plan, every rule that matched, the verdict it gave and why the",
                "final decision won (overridden matches included). Decides as llmsh run would; runs nothing."})
public final class PolicyExplainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PLAN", description = "plan file (json)")
    Path planFile;

    @Option(names = "--json", description = "print the explanation as json")
    boolean json;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Context context = root.context();
        Settings settings = Wiring.settings(root);
        Path policyDir = Wiring.policyDir(settings);
        String text = read(context.env().cwd().resolve(planFile));
        PolicyEngine policy = context.policies().load(policyDir, settings.cacheDir());
        TracedDecisions decisions = new TracedDecisions(Wiring.registry(), policy, settings);
        Plan plan = decisions.parser().parse(text);
        HostProbe probe = HostProbe.system();
        TracedDecisions.Traced traced = decisions.decide(plan, probe.currentProcess(), probe.host(), Path.of("/"));
        Explanation explanation = Explainer.explain(policyDir.toString(), traced, decisions.rules());
        if (json) {
            context.io().out().println(Json.pretty(ExplainJson.of(explanation)));
        } else {
            ExplainText.print(explanation, context.io().out());
        }
        return ExitCodes.OK;
    }

    private static String read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("cannot read plan " + file + ": " + (Files.exists(file) ? "not a regular file" : "no such file"));
        }
        try {
            return dev.llmos.engine.plan.PlanParser.text(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new BadInputException("cannot read plan " + file + ": " + e.getMessage(), e);
        }
    }
}
