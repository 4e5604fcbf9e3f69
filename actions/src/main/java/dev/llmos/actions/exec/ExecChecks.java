package dev.llmos.actions.exec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * the plan schema's rules again, in code: recovery actions and direct callers reach a handler
 * without passing the schema, and a handler running as root does not trust its input.
 */
final class ExecChecks {

    private ExecChecks() {
    }

    /** why these params cannot run, or null when they can. */
    static String invalid(ExecParams params) {
        if (params.argv().isEmpty() || params.argv().get(0) == null || params.argv().get(0).isEmpty()) {
            return "invalid exec: argv must start with a non-empty program name";
        }
        for (String arg : params.argv()) {
            if (arg == null || arg.indexOf('\0') >= 0) {
                return "invalid exec: argv elements must be strings without NUL bytes";
            }
        }
        String cwd = params.cwd();
        if (cwd != null) {
            if (!cwd.startsWith("/") || cwd.indexOf('\0') >= 0) {
                return "invalid exec: cwd must be an absolute path, got " + cwd;
            }
            if (!Files.exists(Path.of(cwd))) {
                return "cwd " + cwd + " does not exist";
            }
            if (!Files.isDirectory(Path.of(cwd))) {
                return "cwd " + cwd + " is not a directory";
            }
        }
        return null;
    }
}
