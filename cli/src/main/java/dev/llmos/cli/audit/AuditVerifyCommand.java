package dev.llmos.cli.audit;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.ExitCodes;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.RootCommand;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.audit.AuditVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code llmsh audit verify}: walks the hash chain and names the first line that was edited, removed or reordered. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "check the audit log's hash chain; exit 1 and name the first bad line if it was tampered with")
public final class AuditVerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--log", paramLabel = "FILE", description = "the log to check; default: the audit log in use "
            + "(llm-osd's is /var/lib/llm-osd/audit.jsonl)")
    Path log;

    @Override
    public Integer call() {
        RootCommand root = (RootCommand) spec.root().userObject();
        Io io = root.context().io();
        Settings settings = Wiring.settings(root);
        Path file = log == null ? settings.auditLog() : root.context().env().cwd().resolve(log);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("no audit log at " + file);
        }
        AuditVerifier.Result r;
        try {
            r = AuditVerifier.verify(file);
        } catch (IOException e) {
            throw new BadInputException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (r.ok()) {
            io.out().println(file + ": ok, " + r.lines() + (r.lines() == 1 ? " entry" : " entries")
                    + " chained, last hash " + r.lastHash().substring(0, 16));
            return ExitCodes.OK;
        }
        io.out().println(file + ":" + r.badLine() + ": " + r.problem());
        io.out().println("the log was tampered with or damaged at line " + r.badLine() + "; lines before it verify");
        return ExitCodes.FAILED;
    }
}
