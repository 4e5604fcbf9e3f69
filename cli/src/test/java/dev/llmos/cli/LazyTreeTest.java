package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import dev.llmos.cli.app.LazyTree;
import dev.llmos.cli.policy.PolicyCommand;
import dev.llmos.cli.run.RunCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** llmsh builds only the subcommand a command line names; what a person sees must not change. */
class LazyTreeTest {

    @TempDir
    Path tmp;

    @Test
    void picksTheSubcommandNamedAfterTheGlobalOptions() {
        assertEquals(Optional.of(List.of(RunCommand.class)),
                LazyTree.pick(Llmsh.class, new String[]{"--socket", "/s", "-vv", "--state=/x", "--embedded", "run", "--yes", "p.json"}));
        assertEquals(Optional.of(List.of(PolicyCommand.class)), LazyTree.pick(Llmsh.class, new String[]{"policy", "check"}));
    }

    @Test
    void aBareVersionNeedsOnlyTheRoot() {
        assertEquals(Optional.of(List.of()), LazyTree.pick(Llmsh.class, new String[]{"--version"}));
        assertEquals(Optional.of(List.of()), LazyTree.pick(Llmsh.class, new String[]{"-v", "-V"}));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--help", "-h", "help", "runn", "--bogus run", "-x", "--socket", "--", "-vV run"})
    void needsTheWholeTreeForHelpNoSubcommandOrAnythingUnexpected(String line) {
        String[] args = line.isEmpty() ? new String[0] : line.split(" ");

        assertEquals(Optional.empty(), LazyTree.pick(Llmsh.class, args));
    }

    @Test
    void everySubcommandReadsTheSameAloneAsInTheWholeTree() {
        CommandLine full = Llmsh.commandLine(context(new StringWriter()));
        for (String name : full.getSubcommands().keySet()) {
            CommandLine lean = Llmsh.commandLine(context(new StringWriter()), new String[]{"-v", name});

            assertEquals(List.of(name), List.copyOf(lean.getSubcommands().keySet()));
            assertEquals(full.getSubcommands().get(name).getUsageMessage(), lean.getSubcommands().get(name).getUsageMessage(), name);
            for (var nested : full.getSubcommands().get(name).getSubcommands().entrySet()) {
                assertEquals(nested.getValue().getUsageMessage(),
                        lean.getSubcommands().get(name).getSubcommands().get(nested.getKey()).getUsageMessage(), name + " " + nested.getKey());
            }
        }
    }

    @Test
    void versionPrintsTheSameWithTheRootAlone() {
        StringWriter lean = new StringWriter();
        StringWriter full = new StringWriter();

        assertEquals(0, Llmsh.commandLine(context(lean), new String[]{"--version"}).execute("--version"));
        assertEquals(0, Llmsh.commandLine(context(full)).execute("--version"));
        assertEquals(full.toString(), lean.toString());
    }

    private Context context(StringWriter out) {
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false);
        Env env = new Env(Map.of(), tmp, true, Optional.of(Cli.ROOT), tmp.resolve("none.json"), tmp);
        return new Context(io, env, new DroolsPolicies());
    }
}
