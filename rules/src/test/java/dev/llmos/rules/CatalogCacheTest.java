package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.rules.fixtures.Cmd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the parsed catalogue in the policy cache: used only when it is exactly the yaml's, else parsed again. */
class CatalogCacheTest {

    private static final String RULES = """
            import dev.llmos.rules.catalog.PolicyCatalog;
            rule "readers pass"
                @id("exec.reader")
            when
                $cat : PolicyCatalog()
                $a : Cmd($cat.is(program, "reader"))
            then
                policy.allow($a, "reads");
            end
            """;

    private static final PolicyRequest REQUEST = Policies.request(Cmd.of("a1", 0, "cat"), Cmd.of("a2", 1, "less"));

    @TempDir
    Path policy;

    @TempDir
    Path cacheDir;

    @BeforeEach
    void writePolicy() {
        Policies.drl(policy, "exec.drl", RULES);
        Policies.write(policy, "catalog/programs.yaml", "classes:\n  reader:\n    programs: [cat]\n");
    }

    @Test
    void aNewJvmReadsTheParsedCatalogueInsteadOfTheYaml() {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy loaded = DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(0, 1), List.of(fresh.catalogParses(), fresh.catalogDiskLoads()));
        assertEquals(built.evaluate(REQUEST), loaded.evaluate(REQUEST));
        assertEquals(built.digest(), loaded.digest());
        assertEquals(List.of("reader"), List.copyOf(loaded.catalog().classNames()));
    }

    @Test
    void aChangedYamlFileIsParsedAgainAndDecidesByItsNewContent() {
        DroolsPolicy before = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Policies.write(policy, "catalog/programs.yaml", "classes:\n  reader:\n    programs: [cat, less]\n");
        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy after = DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(1, 0), List.of(fresh.catalogParses(), fresh.catalogDiskLoads()));
        assertFalse(before.catalog().is("less", "reader"));
        assertTrue(after.catalog().is("less", "reader"));
        assertEquals(2, after.evaluate(REQUEST).size(), after.evaluate(REQUEST).toString());
    }

    @Test
    void aTamperedParsedCatalogueIsRefusedAndWrittenAgain() throws Exception {
        DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Path file = only(cacheDir);
        // the json names less a reader, as if someone edited the cache rather than the yaml
        byte[] bytes = Files.readAllBytes(file);
        String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("[\"cat\"]", "[\"cat\",\"less\"]");
        Files.write(file, text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy loaded = DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(1, 0), List.of(fresh.catalogParses(), fresh.catalogDiskLoads()));
        assertFalse(loaded.catalog().is("less", "reader"));

        PolicyCache afterRepair = PolicyCache.isolated(cacheDir);
        DroolsPolicy.load(policy, afterRepair);
        assertEquals(List.of(0, 1), List.of(afterRepair.catalogParses(), afterRepair.catalogDiskLoads()));
    }

    @Test
    void aParsedCatalogueOfOtherYamlPlantedUnderThisOnesNameIsRefused() throws Exception {
        DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Path old = only(cacheDir);
        Policies.write(policy, "catalog/programs.yaml", "classes:\n  reader:\n    programs: [less]\n");
        String digest = CatalogCacheFile.digest(dev.llmos.rules.catalog.CatalogLoader.files(policy));
        Files.copy(old, CatalogCacheFile.path(cacheDir, digest));

        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy loaded = DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(1, 0), List.of(fresh.catalogParses(), fresh.catalogDiskLoads()));
        assertTrue(loaded.catalog().is("less", "reader"));
        assertFalse(loaded.catalog().is("cat", "reader"));
    }

    @Test
    void aParsedCatalogueOthersCanWriteIsNotTrusted() throws Exception {
        DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Files.setPosixFilePermissions(only(cacheDir), PosixFilePermissions.fromString("rw-rw-rw-"));
        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(1, 0), List.of(fresh.catalogParses(), fresh.catalogDiskLoads()));
    }

    @Test
    void aBadCatalogueIsReportedEveryTimeAndNeverCached() throws Exception {
        Policies.write(policy, "catalog/programs.yaml", "classes:\n  reader:\n    programs: [cat]\n    colour: red\n");
        for (int i = 0; i < 2; i++) {
            PolicyLoadException e = assertThrows(PolicyLoadException.class, () -> DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir)));
            assertEquals("catalog/programs.yaml:4: unknown key 'colour' (known: description, programs)", e.problems().get(0).toString());
        }
        try (var files = Files.list(cacheDir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    private static Path only(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            List<Path> catalogues = files.filter(p -> p.toString().endsWith(CatalogCacheFile.SUFFIX)).toList();
            assertEquals(1, catalogues.size(), catalogues.toString());
            return catalogues.get(0);
        }
    }
}
