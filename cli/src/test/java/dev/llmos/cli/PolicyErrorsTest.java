package dev.llmos.cli;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** a policy that does not compile is reported as file:line and nothing runs under it. */
class PolicyErrorsTest {

    @TempDir
    Path tmp;

    private Path policy;
    private String brokenAt;

    /** a copy of the shipped policy with a misspelt field added to its first file. */
    @BeforeEach
    void breakACopyOfTheShippedPolicy() throws IOException {
        policy = tmp.resolve("policy");
        Files.createDirectories(policy);
        List<Path> files;
        try (Stream<Path> list = Files.list(Cli.SHIPPED_POLICY)) {
            files = list.filter(p -> p.toString().endsWith(".drl")).sorted().toList();
        }
        for (Path f : files) {
            Files.copy(f, policy.resolve(f.getFileName()));
        }
        Path victim = policy.resolve(files.get(0).getFileName());
        String text = Files.readString(victim);
        int lines = text.split("\n", -1).length - (text.endsWith("\n") ? 1 : 0);
        Files.writeString(victim, (text.endsWith("\n") ? "" : "\n") + """

                rule "broken-by-a-test"
                when
                    $e : dev.llmos.actions.exec.Exec(progam == "ls")
                then
                end
                """, StandardOpenOption.APPEND);
        brokenAt = victim.getFileName() + ":" + (lines + 4) + ": ";
    }

    @Test
    void runReportsTheBrokenFileAndLineAndRunsNothing() {
        Path out = tmp.resolve("must-not-exist.txt");
        Cli.Result r = Cli.in(tmp).run("run", "--policy", policy.toString(), "--yes", Plans.file(tmp, plan(write("a1", out, "x"))));
        assertEquals(2, r.code());
        assertFalse(Files.exists(out));
        assertEquals("", r.out());
        assertTrue(r.err().startsWith(brokenAt), r.err());
        assertTrue(r.err().contains("progam"), r.err());
        assertTrue(r.err().endsWith("llmsh: the policy does not compile; nothing ran\n"), r.err());
    }

    /** whatever the order of loading, the policy's problem comes first and nothing is audited under it. */
    @Test
    void runReportsABrokenPolicyBeforeAnInvalidPlanAndAuditsNothing() throws IOException {
        Path plan = tmp.resolve("invalid.json");
        Files.writeString(plan, "{\"version\": 1, \"mode\": \"actionplan\", \"goal\": \"g\", \"actions\": [{\"id\": \"a1\"}]}");
        Cli cli = Cli.in(tmp);
        Cli.Result r = cli.run("run", "--policy", policy.toString(), "--yes", plan.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith(brokenAt), r.err());
        assertTrue(r.err().endsWith("llmsh: the policy does not compile; nothing ran\n"), r.err());
        assertFalse(Files.exists(cli.audit()), "nothing is audited under a policy that does not load");
    }

    @Test
    void policyCheckReportsTheBrokenFileAndLine() {
        Cli.Result r = Cli.in(tmp).run("policy", "check", policy.toString());
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith(brokenAt) && l.contains("progam")), r.err());
        assertTrue(r.err().endsWith("the policy does not compile and nothing would run under it\n"), r.err());
    }

    @Test
    void policyCheckOfTheShippedPolicyPassesWithASummary() {
        Cli.Result r = Cli.in(tmp).run("policy", "check", Cli.SHIPPED_POLICY.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches(java.util.regex.Pattern.quote(Cli.SHIPPED_POLICY.toString())
                + ": ok, \\d+ rules in \\d+ files(, \\d+ warnings?)?, digest [0-9a-f]{64}, its tests/ suites pass\n"), r.out());
    }

    @Test
    void aMissingPolicyDirectoryIsBadInput() {
        Path missing = tmp.resolve("no-such-policy");
        Cli.Result r = Cli.in(tmp).run("policy", "check", missing.toString());
        assertEquals(2, r.code());
        assertEquals("llmsh: policy directory " + missing + " does not exist or is not a directory\n", r.err());
    }
}
