package dev.llmos.cli;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.DroolsPolicies;
import dev.llmos.cli.app.Env;
import dev.llmos.cli.app.Io;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the help and version a person reads: global options once, summaries whole, each program by its name. */
class CommandSurfaceTest {

    @TempDir
    Path tmp;

    @Test
    void globalOptionsAreShownInTheRootHelpOnly() {
        String root = Cli.in(tmp).run("--help").out();
        String run = Cli.in(tmp).run("run", "--help").out();
        String check = Cli.in(tmp).run("policy", "check", "--help").out();

        assertEquals(2, count(root, "--policy"), "once in the synopsis, once in the list:\n" + root);
        String runOwn = run.substring(0, run.indexOf("Global options"));
        assertFalse(runOwn.contains("--policy") || runOwn.contains("--embedded"), run);
        assertFalse(check.substring(0, check.indexOf("Global options")).contains("--socket"), check);
        assertTrue(run.contains("--dry-run") && run.contains("Global options (--policy, --state, --socket, --embedded, -v, ...): llmsh --help."), run);
    }

    @Test
    void everySubcommandSummaryIsAWholeSentence() {
        String root = Cli.in(tmp).run("--help").out();
        String list = root.substring(root.indexOf("Commands:"), root.indexOf("Exit codes:"));
        Matcher summary = Pattern.compile("\n  (\\S+) +(.+(?:\n {6,}.+)*)").matcher(list);
        int seen = 0;
        while (summary.find()) {
            String text = summary.group(2).replaceAll("\\s+", " ").strip();
            assertTrue(text.endsWith(".") || text.endsWith(")") || text.endsWith("entries"), summary.group(1) + ": " + text);
            seen++;
        }
        assertTrue(seen >= 10, list);
    }

    @Test
    void everyCommandAScriptReadsPrintsJsonWithJson() throws Exception {
        Cli cli = Cli.shipped(tmp);
        for (String[] command : new String[][] {{"actions", "--json"}, {"schema", "--json"}, {"policy", "check", "--json"},
                {"policy", "test", "--json"}, {"policy", "facts", "--json"}}) {
            Cli.Result r = cli.run(command);
            assertEquals(0, r.code(), String.join(" ", command) + ": " + r.err());
            dev.llmos.engine.json.Json.mapper().readTree(r.out());
        }
        assertTrue(dev.llmos.engine.json.Json.mapper().readTree(cli.run("actions", "--json").out()).get(0).has("effect"));
    }

    @Test
    void aMissingDaemonIsAFailureNotBadInput() {
        Cli.Result r = Cli.in(tmp).run("status", "--json", "--socket", tmp.resolve("none.sock").toString());

        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("does not answer"), r.err());
    }

    @Test
    void theDaemonNamesItselfInItsVersion() {
        StringWriter out = new StringWriter();
        Io io = new Io(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), false);
        Env env = new Env(Map.of(), tmp, true, Optional.of(Cli.ROOT), tmp.resolve("none.json"), tmp);
        int code = Llmosd.commandLine(new Context(io, env, new DroolsPolicies())).execute("--version");

        assertEquals(0, code);
        assertTrue(out.toString().startsWith("llm-osd "), out.toString());
    }

    private static int count(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }
}
