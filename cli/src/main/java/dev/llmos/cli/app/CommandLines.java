package dev.llmos.cli.app;

import picocli.CommandLine;

import java.util.List;

/** how both launchers' command lines are wired: their streams, one error handler, globals shown once. */
public final class CommandLines {

    private CommandLines() {
    }

    /** {@code name} is the program's name in error messages (llmsh, llm-osd). */
    public static CommandLine wired(Object root, Context context, String name) {
        return wired(root, List.of(), context, name);
    }

    /** as above, with {@code subcommands} added to the root's own (the ones {@link LazyTree} picked). */
    public static CommandLine wired(Object root, List<Class<?>> subcommands, Context context, String name) {
        CommandLine cl = new CommandLine(root);
        for (Class<?> sub : subcommands) {
            cl.addSubcommand(sub);
        }
        ErrorHandler handler = new ErrorHandler(name);
        cl.setOut(context.io().out());
        cl.setErr(context.io().err());
        cl.setExecutionExceptionHandler(handler);
        cl.setParameterExceptionHandler(handler);
        GlobalsOnce.apply(cl);
        return cl;
    }

    /** NAME and the version maven stamped into the jar's manifest, or a development build's mark. */
    public static String[] version(String name) {
        String v = CommandLines.class.getPackage().getImplementationVersion();
        return new String[]{name + " " + (v == null ? "(development build)" : v)};
    }
}
