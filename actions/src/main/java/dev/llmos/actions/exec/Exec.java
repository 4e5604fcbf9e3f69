package dev.llmos.actions.exec;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;
import java.util.Map;

/**
 * what policy rules see of an {@code exec} action, and of each command inside it (the commands of
 * a shell script, the program a wrapper runs: {@link #parts}, decided under the same action id).
 * rules are written against these names: keep them.
 *
 * @param danger the planner's claim, as on the wire (none, low, medium, high)
 * @param program what argv[0] is: the basename of the system binary it resolves to or is a copy
 *                of (a symlinked or copied rm is "rm"), else the basename of its real path, else
 *                of argv[0] as written
 * @param named basename of argv[0] as written
 * @param programPath real path of the program found on the scrubbed PATH (or of argv[0] when it
 *                    names a path), null when there is no such program
 * @param programNamed argv[0] resolved as a path when it names one (whether or not it exists), else null
 * @param args argv without argv[0]
 * @param cwd real path of the working directory: the plan's, or "/" when it gives none (where the command runs)
 * @param timeoutSec the timeout that will apply
 * @param env the plan's extra environment (dangerous names already removed)
 * @param pathArgs real paths of every argument that can name a file: bare words against cwd,
 *                 values attached to options (-fVALUE, --opt=VALUE, key=VALUE), @file; a glob
 *                 names its literal directory
 * @param operands real paths of the arguments that are not options, in order
 * @param lastOperand the last of them (where cp, mv and ln write), or null
 * @param dirArgs those of pathArgs that are existing directories
 * @param writes real paths the command's redirections write (> >> <> &>)
 * @param reads real paths its redirections read (<)
 * @param unknownWrites redirection targets decided at run time ($VAR, $(...), a glob, ~NAME the passwd
 *                      file does not know), as the reader sees them: the real path of the directory
 *                      they surely lie in followed by the rest as written, or the word as written
 *                      when it does not surely start with a path; they are in no {@code writes}
 * @param urls arguments that are network urls
 * @param urlFiles where a downloader saves each url when told no name (cwd + the url's last component)
 * @param via what this command was found inside ("sh -c", "timeout", "find -exec", "$(...)"), null for the plan's own
 * @param dynamic some argument is decided at run time ($VAR, $(...), a glob, xargs input)
 * @param code inline code handed to an interpreter (a -c script, -e code, an awk program), or null
 * @param codeRead the code was read completely into {@link #parts} (a shell script in the parsed subset)
 * @param codeUnknown why the code could not be read, or null
 * @param runtimeCode why what this command runs is decided at run time (a program word or a script
 *                    built from $VAR, $(...) or a glob, a here-string with expansions fed to a shell), or null
 * @param parts the commands this one runs, each decided like an action of its own
 */
public record Exec(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        List<String> argv,
        String program,
        String named,
        String programPath,
        String programNamed,
        List<String> args,
        String cwd,
        int timeoutSec,
        boolean asRoot,
        Map<String, String> env,
        List<String> pathArgs,
        List<String> operands,
        String lastOperand,
        List<String> dirArgs,
        List<String> writes,
        List<String> reads,
        List<String> unknownWrites,
        List<String> urls,
        List<String> urlFiles,
        String via,
        boolean dynamic,
        String code,
        boolean codeRead,
        String codeUnknown,
        String runtimeCode,
        List<Exec> parts) implements ActionFact {

    /**
     * the variables env(1) sets here that the action's own env field refuses (LD_PRELOAD, PATH,
     * PYTHONPATH, GIT_SSH_COMMAND, ...): each changes what the program loads or runs. empty unless
     * the program is env.
     */
    public List<String> envHooks() {
        return program.equals("env") ? EnvArgs.of(args).assigned().stream().filter(ExecEnvironment.Hooks::denied).toList() : List.of();
    }

    /** the whole argv as one line, for reasons shown to people. */
    public String line() {
        return Quoting.join(argv);
    }
}
