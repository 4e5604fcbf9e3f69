package dev.llmos.cli.policy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code llmsh policy}: tools for the admin's policy. */
@Command(name = "policy", mixinStandardHelpOptions = true,
        subcommands = {PolicyCheckCommand.class, PolicyTestCommand.class, PolicyExplainCommand.class, PolicyFactsCommand.class},
        description = "Work with the policy (*.drl files).")
public final class PolicyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing subcommand: try llmsh policy check, test, explain or facts");
    }
}
