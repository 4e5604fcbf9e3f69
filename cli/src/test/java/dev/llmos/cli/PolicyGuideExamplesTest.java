package dev.llmos.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the worked examples of docs/policy-guide.md work: every block marked {@code <!-- example: NAME -->}
 * is written beside a copy of the shipped policy (.drl) or into its tests/ (.yaml), and the
 * examples' suites pass under the real {@code llmsh policy test}.
 */
class PolicyGuideExamplesTest {

    private static final Pattern EXAMPLE = Pattern.compile("<!-- example: ([\\w.-]+) -->\\n```\\w+\\n(.*?)```", Pattern.DOTALL);

    @TempDir
    Path tmp;

    static Map<String, String> examples() throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = EXAMPLE.matcher(Files.readString(FactsReferenceTest.GUIDE));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    @Test
    void theGuideShowsEachRulePatternWithItsTests() throws IOException {
        List<String> names = new ArrayList<>(examples().keySet());
        assertEquals(List.of("site-downloads.drl", "site-downloads.yaml", "site-audit.drl", "site-audit.yaml",
                "site-groups.drl", "site-groups.yaml", "site-packages.drl", "site-packages.yaml", "site-nginx.drl",
                "site-nginx.yaml", "site-removals.drl", "site-removals.yaml"), names);
    }

    @Test
    void everyExampleSuitePassesAgainstTheShippedPolicyWithTheExampleRules() throws IOException {
        Path policy = tmp.resolve("policy");
        Files.createDirectories(policy.resolve("tests"));
        try (Stream<Path> shipped = Files.list(Cli.SHIPPED_POLICY)) {
            for (Path drl : shipped.filter(p -> p.toString().endsWith(".drl")).toList()) {
                Files.copy(drl, policy.resolve(drl.getFileName()));
            }
        }
        Cli.copyCatalog(policy);
        for (Map.Entry<String, String> e : examples().entrySet()) {
            Path target = e.getKey().endsWith(".drl") ? policy.resolve(e.getKey()) : policy.resolve("tests").resolve(e.getKey());
            Files.writeString(target, e.getValue());
        }
        Cli.Result check = Cli.in(tmp).run("policy", "check", policy.toString());
        assertEquals(List.of(0, ""), List.of(check.code(), check.err()), "the examples compile without warnings");
        Cli.Result r = Cli.in(tmp).run("policy", "test", policy.toString(), "-v");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().endsWith("PASS: 11/11\n"), r.out());
    }
}
