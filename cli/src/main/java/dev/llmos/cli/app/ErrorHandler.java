package dev.llmos.cli.app;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.schema.PlanError;
import dev.llmos.engine.schema.PlanValidationException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;

/**
 * the one place exceptions become messages and exit codes. messages go to stderr, in the form
 * compilers use, so editors and scripts can jump to them.
 */
public final class ErrorHandler implements IExecutionExceptionHandler, IParameterExceptionHandler {

    private final String program;

    public ErrorHandler(String program) {
        this.program = program;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        int code = switch (e) {
            case PlanValidationException invalid -> {
                for (PlanError error : invalid.errors()) {
                    err.println(error);
                }
                err.println(program + ": the plan is invalid (" + invalid.errors().size()
                        + (invalid.errors().size() == 1 ? " error" : " errors") + "); nothing ran");
                yield ExitCodes.BAD_INPUT;
            }
            case PolicyLoadException broken -> {
                for (PolicyProblem problem : broken.problems()) {
                    err.println(problem);
                }
                err.println(program + ": the policy does not compile; nothing ran");
                yield ExitCodes.BAD_INPUT;
            }
            case DaemonUnreachableException unreachable -> {
                err.println(program + ": " + unreachable.getMessage());
                yield ExitCodes.FAILED;
            }
            case DaemonRefusedException refused -> {
                err.println(program + ": " + refused.getMessage());
                yield ExitCodes.FAILED;
            }
            case BadInputException bad -> {
                err.println(program + ": " + bad.getMessage());
                yield ExitCodes.BAD_INPUT;
            }
            case ParameterException usage -> handleParseException(usage, new String[0]);
            case ActionRegistry.RegistryException broken -> {
                err.println(program + ": the action registry is broken: " + broken.getMessage());
                yield ExitCodes.FAILED;
            }
            default -> {
                // the logger only here: logging set up for every command cost --version a third of its start
                LoggerFactory.getLogger(ErrorHandler.class).debug("unexpected failure", e);
                err.println(program + ": error: " + e.getMessage() + " (" + e.getClass().getSimpleName() + "; -vv shows more)");
                yield ExitCodes.FAILED;
            }
        };
        err.flush();
        return code;
    }

    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println(program + ": " + e.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("usage: " + cl.getCommandSpec().qualifiedName() + " --help");
        err.flush();
        return ExitCodes.BAD_INPUT;
    }
}
