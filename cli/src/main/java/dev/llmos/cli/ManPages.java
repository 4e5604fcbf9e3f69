package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.io.File;
import java.lang.reflect.Method;
import java.util.List;

/**
 * writes the man pages' asciidoc for llmsh and llm-osd (scripts/package turns it into man pages).
 * picocli copies the global options into every subcommand, and its man page generator would list
 * all of them on every page: here they are taken out of the subcommands, so they appear once, in
 * llmsh(1) and llm-osd(1), and each subcommand's page says where they are. picocli-codegen is a
 * build tool, not shipped: it is on the classpath only when scripts/package runs this.
 */
public final class ManPages {

    private ManPages() {
    }

    /** {@code args[0]}: the directory for the {@code .adoc} files. */
    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPages OUTPUT_DIR");
        }
        Context context = new Context(Io.system(), Env.system(false), new DroolsPolicies());
        List<CommandSpec> specs = List.of(prepared(Llmsh.commandLine(context)), prepared(Llmosd.commandLine(context)));
        Method generate = Class.forName("picocli.codegen.docgen.manpage.ManPageGenerator").getMethod("generateManPage",
                File.class, File.class, boolean[].class, boolean.class, CommandSpec[].class);
        int code = (int) generate.invoke(null, new File(args[0]), null, new boolean[0], true, specs.toArray(CommandSpec[]::new));
        if (code != 0) {
            throw new IllegalStateException("the man page generator failed with exit code " + code);
        }
    }

    /**
     * the root's spec, its subcommands without the options they inherit, each page's footer (exit
     * codes, where the global options are) under a heading: picocli's generator leaves out a
     * footer that has none.
     */
    static CommandSpec prepared(CommandLine root) {
        String note = "Global options (--policy, --state, --socket, --embedded, -v, ...): see " + root.getCommandName() + "(1).";
        notes(root.getCommandSpec(), null);
        for (CommandLine sub : root.getSubcommands().values()) {
            ownOptionsOnly(sub, note);
        }
        return root.getCommandSpec();
    }

    private static void ownOptionsOnly(CommandLine cl, String note) {
        CommandSpec spec = cl.getCommandSpec();
        for (OptionSpec option : List.copyOf(spec.options())) {
            if (option.inherited()) {
                spec.remove(option);
            }
        }
        notes(spec, note);
        cl.getSubcommands().values().forEach(s -> ownOptionsOnly(s, note));
    }

    /** the footer without blank lines, its "Global options: llmsh --help" line (from --help) replaced by {@code note}. */
    private static void notes(CommandSpec spec, String note) {
        List<String> lines = new java.util.ArrayList<>(java.util.Arrays.stream(spec.usageMessage().footer())
                .filter(l -> !l.isBlank() && !l.startsWith("Global options")).toList());
        if (note != null) {
            lines.add(note);
        }
        if (!lines.isEmpty()) {
            spec.usageMessage().footerHeading("Notes").footer(lines.toArray(String[]::new));
        }
    }
}
