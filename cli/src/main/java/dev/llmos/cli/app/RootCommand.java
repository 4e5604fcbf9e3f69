package dev.llmos.cli.app;

/** what subcommands ask of the root command, found through picocli's {@code spec.root()}. */
public interface RootCommand {

    GlobalOptions globals();

    Context context();
}
