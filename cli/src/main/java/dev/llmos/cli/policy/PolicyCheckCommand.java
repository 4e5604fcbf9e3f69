package dev.llmos.cli.policy;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Policies;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.PolicyProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llmsh policy check [DIR]}: compiles the policy and reports what is wrong with it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compile the policy and report errors and warnings as file:line: message.",
                "Exit 0 when it compiles (warnings allowed), 2 when it does not."})
public final class PolicyCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "policy directory; default: the one llmsh run would use")
    Path dir;

    @Option(names = "--json", description = "print the report as json on stdout: ok, rules, files, digest, problems")
    boolean json;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Context context = root.context();
        Settings settings = Wiring.settings(root);
        Path policyDir = Wiring.policyDir(dir == null ? settings : settings.withPolicy(context.env().cwd().resolve(dir).normalize()));
        Policies.Report report = context.policies().check(policyDir, settings.cacheDir());
        if (json) {
            var doc = Json.mapper().createObjectNode().put("policy_dir", policyDir.toString()).put("ok", !report.hasErrors());
            if (!report.hasErrors()) {
                doc.put("rules", report.rules()).put("files", report.files()).put("digest", report.digest());
            }
            var problems = doc.putArray("problems");
            report.problems().forEach(p -> problems.addObject().put("file", p.file()).put("line", p.line())
                    .put("column", p.column()).put("message", p.message()).put("error", p.error()));
            context.io().out().println(Json.pretty(doc));
            return report.hasErrors() ? ExitCodes.BAD_INPUT : ExitCodes.OK;
        }
        for (PolicyProblem problem : report.problems()) {
            context.io().err().println(problem);
        }
        long errors = report.problems().stream().filter(PolicyProblem::error).count();
        long warnings = report.problems().size() - errors;
        if (report.hasErrors()) {
            context.io().err().println(policyDir + ": " + errors + (errors == 1 ? " error" : " errors")
                    + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                    + "; the policy does not compile and nothing would run under it");
            return ExitCodes.BAD_INPUT;
        }
        context.io().out().println(policyDir + ": ok, " + report.rules() + (report.rules() == 1 ? " rule" : " rules")
                + " in " + report.files() + (report.files() == 1 ? " file" : " files")
                + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                + ", digest " + report.digest());
        return ExitCodes.OK;
    }
}
