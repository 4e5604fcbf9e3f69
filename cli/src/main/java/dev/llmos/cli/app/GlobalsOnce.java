package dev.llmos.cli.app;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * the global options (scope INHERIT) are shown in the root command's help only: picocli copies
 * them into every subcommand, whose help would repeat all of them before its own. a subcommand's
 * synopsis and option list leave the inherited ones out and its footer says where they are.
 */
public final class GlobalsOnce {

    private GlobalsOnce() {
    }

    public static void apply(CommandLine root) {
        root.setHelpFactory(OwnOptionsHelp::new);
        String note = "Global options (--policy, --state, --socket, --embedded, -v, ...): " + root.getCommandName() + " --help.";
        for (CommandLine sub : root.getSubcommands().values()) {
            footnote(sub, note);
        }
    }

    private static void footnote(CommandLine cl, String note) {
        CommandSpec spec = cl.getCommandSpec();
        String[] footer = spec.usageMessage().footer();
        String[] more = java.util.Arrays.copyOf(footer, footer.length + (footer.length == 0 ? 2 : 1));
        if (footer.length == 0) {
            more[0] = "";
        }
        more[more.length - 1] = note;
        spec.usageMessage().footer(more);
        cl.getSubcommands().values().forEach(s -> footnote(s, note));
    }

    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String text = String.join(" ", header.length > 0 ? header : spec.usageMessage().description()).strip();
        int end = text.indexOf(". ");
        int colon = text.indexOf(": ");
        String first = end < 0 ? text : text.substring(0, end + 1);
        // a long first sentence up to its colon reads as a summary too
        return first.length() > 90 && colon > 0 && colon < end ? text.substring(0, colon) : first;
    }

    private static List<OptionSpec> own(List<OptionSpec> options) {
        return options.stream().filter(o -> !o.inherited()).toList();
    }

    private static final class OwnOptionsHelp extends Help {

        OwnOptionsHelp(CommandSpec spec, ColorScheme colors) {
            super(spec, colors);
        }

        @Override
        protected Ansi.Text createDetailedSynopsisOptionsText(Collection<ArgSpec> done, Comparator<OptionSpec> optionSort,
                                                              boolean clusterBooleanOptions) {
            return createDetailedSynopsisOptionsText(done, own(commandSpec().options()), optionSort, clusterBooleanOptions);
        }

        /** each subcommand's summary is its description's first sentence, whole, not its first line cut off. */
        @Override
        public String commandList(java.util.Map<String, Help> subcommands) {
            java.util.Map<String, String> rows = new java.util.LinkedHashMap<>();
            subcommands.forEach((name, help) -> {
                if (!help.commandSpec().usageMessage().hidden()) {
                    rows.put(name, summary(help.commandSpec()));
                }
            });
            return rows.isEmpty() ? "" : createTextTable(rows).toString();
        }

        @Override
        public String optionListExcludingGroups(List<OptionSpec> options, Layout layout, Comparator<OptionSpec> optionSort,
                                                IParamLabelRenderer valueLabelRenderer) {
            return super.optionListExcludingGroups(own(options), layout, optionSort, valueLabelRenderer);
        }
    }
}
