package dev.llmos.cli.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Policies;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.cli.policytest.OwnSuites;
import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyProblem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code llmsh policy check [DIR]}: compiles the policy and reports what is wrong with it. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Compile the policy, report errors and warnings as file:line: message, and run its own tests/ suites.",
                "Exit 0 when it compiles (warnings allowed) and its suites pass, 2 when it does not compile or a case fails."})
public final class PolicyCheckCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "policy directory; default: the one llmsh run would use")
    Path dir;

    @Option(names = "--skip-tests", description = "emergencies only: do not run the policy's tests/ suites; the skip is written to the audit log")
    boolean skipTests;

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
            // a policy that compiles is checked against its own suites too (failures go to stderr)
            String suites = report.hasErrors() ? null : suites(context, settings, policyDir);
            boolean ok = !report.hasErrors() && suites != null;
            var doc = Json.mapper().createObjectNode().put("policy_dir", policyDir.toString()).put("ok", ok);
            if (!report.hasErrors()) {
                doc.put("rules", report.rules()).put("files", report.files()).put("digest", report.digest())
                        .put("suites", suites == null ? "failed" : skipTests ? "skipped" : "passed");
            }
            var problems = doc.putArray("problems");
            report.problems().forEach(p -> problems.addObject().put("file", p.file()).put("line", p.line())
                    .put("column", p.column()).put("message", p.message()).put("error", p.error()));
            context.io().out().println(Json.pretty(doc));
            return ok ? ExitCodes.OK : ExitCodes.BAD_INPUT;
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
        String suites = suites(context, settings, policyDir);
        if (suites == null) {
            return ExitCodes.BAD_INPUT;
        }
        context.io().out().println(policyDir + ": ok, " + report.rules() + (report.rules() == 1 ? " rule" : " rules")
                + " in " + report.files() + (report.files() == 1 ? " file" : " files")
                + (warnings > 0 ? ", " + warnings + (warnings == 1 ? " warning" : " warnings") : "")
                + ", digest " + report.digest() + suites);
        return ExitCodes.OK;
    }

    /** runs the policy's own suites: null when a case fails (printed), else what to add to the ok line. */
    private String suites(Context context, Settings settings, Path policyDir) {
        if (skipTests) {
            ObjectNode event = Json.mapper().createObjectNode().put("user", System.getProperty("user.name"))
                    .put("pid", ProcessHandle.current().pid()).put("policy_dir", policyDir.toString())
                    .put("tests_skipped", true);
            try {
                new AuditLog(settings.auditLog()).append("policy.check", event);
            } catch (RuntimeException e) {
                // a skip nobody can see afterwards is not allowed
                context.io().err().println("llmsh: cannot record --skip-tests in " + settings.auditLog() + ": " + e.getMessage()
                        + "; the suites were not skipped and nothing was checked");
                return null;
            }
            return ", tests skipped (recorded in " + settings.auditLog() + ")";
        }
        PolicyEngine policy = context.policies().load(policyDir, settings.cacheDir());
        List<String> failures = new OwnSuites(Wiring.registry(), settings).failures(policyDir, policy);
        if (!failures.isEmpty()) {
            failures.forEach(f -> context.io().err().println(f));
            context.io().err().println(policyDir + ": " + failures.size() + (failures.size() == 1 ? " failure" : " failures")
                    + " in its own tests/ suites; the policy is refused (--skip-tests in an emergency, audited)");
            return null;
        }
        return Files.isDirectory(policyDir.resolve("tests")) ? ", its tests/ suites pass" : "";
    }
}
