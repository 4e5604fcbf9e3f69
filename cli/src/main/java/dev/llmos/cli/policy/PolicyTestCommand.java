package dev.llmos.cli.policy;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.TracedDecisions;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.policytest.JsonReport;
import dev.llmos.cli.policytest.JunitReport;
import dev.llmos.cli.policytest.MalformedSuiteException;
import dev.llmos.cli.policytest.Suite;
import dev.llmos.cli.policytest.SuiteLoader;
import dev.llmos.cli.policytest.SuiteProblem;
import dev.llmos.cli.policytest.SuiteRunner;
import dev.llmos.cli.policytest.TestRun;
import dev.llmos.cli.policytest.TextReport;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.registry.ActionRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code llmsh policy test [DIR]}: runs the policy's yaml test suites, as {@code opa test} runs rego tests. */
@Command(name = "test", mixinStandardHelpOptions = true,
        description = {"Run policy test suites (*.yaml): decide each case's plan with the real pipeline and compare.",
                "DIR is a tests directory (its parent is the policy, unless --policy says otherwise) or a policy",
                "directory (its tests/ are run). Default: the tests/ of the policy llmsh run would use.",
                "Exit 0 when every case passes, 1 when one fails, 2 when a suite is malformed."})
public final class PolicyTestCommand implements Callable<Integer> {

    /** how the report is printed. */
    enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "tests directory, or a policy directory with tests/")
    Path dir;

    @Option(names = "--run", paramLabel = "REGEX", description = "only cases whose file:name matches (found anywhere in it)")
    String run;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json")
    Format format;

    @Option(names = "--json", description = "the same as --format json")
    boolean json;

    @Option(names = "--junit", paramLabel = "FILE", description = "also write a junit xml report, for ci")
    Path junit;

    @Option(names = "--coverage", description = "list the rules that fired in no case, and the share that did")
    boolean coverage;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Context context = root.context();
        Settings settings = Wiring.settings(root);
        Pattern filter = filter();
        PolicyDirs dirs = PolicyDirs.forTests(dir == null ? null : context.env().cwd().resolve(dir).normalize(),
                root.globals().flags().policy() != null, settings);
        List<Path> files = SuiteLoader.discover(dirs.tests());
        if (files.isEmpty()) {
            throw new BadInputException("no test suites (*.yaml, *.yml) in " + dirs.tests());
        }
        ActionRegistry registry = Wiring.registry();
        List<Suite> suites;
        try {
            suites = new SuiteLoader(new PlanParser(registry), p -> dirs.display(context.env().cwd(), p)).load(files);
        } catch (MalformedSuiteException e) {
            for (SuiteProblem problem : e.problems()) {
                context.io().err().println(problem);
            }
            context.io().err().println("llmsh: " + e.getMessage() + "; no case ran");
            return ExitCodes.BAD_INPUT;
        }
        PolicyEngine policy = context.policies().load(dirs.policy(), settings.cacheDir());
        TracedDecisions decisions = new TracedDecisions(registry, policy, settings.withPolicy(dirs.policy()));
        TestRun result = new SuiteRunner(decisions).run(dirs.policy().toString(), suites, filter);
        if (result.results().isEmpty()) {
            throw new BadInputException("no test case matches --run " + run);
        }
        if (junit != null) {
            JunitReport.write(result, context.env().cwd().resolve(junit));
        }
        if (json || format == Format.json) {
            context.io().out().println(Json.pretty(JsonReport.of(result, coverage)));
        } else {
            TextReport.print(result, root.globals().verbosity() > 0, coverage, context.io().out());
        }
        return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Pattern filter() {
        if (run == null) {
            return null;
        }
        try {
            return Pattern.compile(run);
        } catch (PatternSyntaxException e) {
            throw new BadInputException("--run " + run + " is not a regular expression: " + e.getDescription());
        }
    }
}
