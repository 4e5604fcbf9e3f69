package dev.llmos.cli.app;

import picocli.CommandLine;

/** how both launchers' command lines are wired: their streams, one error handler, globals shown once. */
public final class CommandLines {

    private CommandLines() {
    }

    /** {@code name} is the program's name in error messages (llmsh, llm-osd). */
    public static CommandLine wired(Object root, Context context, String name) {
        CommandLine cl = new CommandLine(root);
        ErrorHandler handler = new ErrorHandler(name);
        cl.setOut(context.io().out());
        cl.setErr(context.io().err());
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        GlobalsOnce.apply(cl);
        return cl;
    }
}
