package dev.llmos.cli.audit;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code llmsh audit}: read and verify the hash-chained audit log. */
@Command(name = "audit", mixinStandardHelpOptions = true, subcommands = {AuditVerifyCommand.class, AuditTailCommand.class},
        description = "the audit log: verify its hash chain, show recent entries")
public final class AuditCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: audit verify or audit tail");
    }
}
