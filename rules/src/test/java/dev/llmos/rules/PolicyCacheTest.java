package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.rules.fixtures.Cmd;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyCacheTest {

    private static final String RULES = """
            rule "allow ls"
                @id("exec.ls") @justification("reads only")
            when
                $a : Cmd(program == "ls")
            then
                policy.allow($a, "ls reads");
            end
            rule "confirm the rest"
                @id("exec.other")
            when
                $a : Cmd(program != "ls")
            then
                policy.confirm($a, "unknown program " + $a.program);
                policy.undo($a, false);
            end
            """;

    private static final PolicyRequest REQUEST = Policies.request(Cmd.of("a1", 0, "ls"), Cmd.of("a2", 1, "vim", "/etc/x"));

    @TempDir
    Path policy;

    @TempDir
    Path cacheDir;

    @BeforeEach
    void writePolicy() {
        Policies.drl(policy, "exec.drl", RULES);
    }

    @Test
    void aSecondLoadOfTheSamePolicyReusesTheCompiledKieBase() {
        PolicyCache cache = PolicyCache.isolated(null);
        DroolsPolicy first = DroolsPolicy.load(policy, cache);
        DroolsPolicy second = DroolsPolicy.load(policy, cache);
        assertSame(first.compiled(), second.compiled());
        assertEquals(1, cache.builds());
    }

    @Test
    void theSharedMemoryCacheIsOnePerJvm() {
        DroolsPolicy first = DroolsPolicy.load(policy, PolicyCache.inMemory());
        DroolsPolicy second = DroolsPolicy.load(policy, PolicyCache.onDisk(cacheDir));
        assertSame(first.compiled(), second.compiled());
    }

    @Test
    void aChangedPolicyIsCompiledAgain() {
        PolicyCache cache = PolicyCache.isolated(null);
        DroolsPolicy before = DroolsPolicy.load(policy, cache);
        Policies.drl(policy, "exec.drl", RULES.replace("ls reads", "ls only reads"));
        DroolsPolicy after = DroolsPolicy.load(policy, cache);
        assertNotSame(before.compiled(), after.compiled());
        assertNotEquals(before.digest(), after.digest());
        assertEquals(2, cache.builds());
    }

    @Test
    void aNewJvmLoadsTheCompiledPolicyFromDiskInsteadOfCompiling() {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy loaded = DroolsPolicy.load(policy, fresh);
        assertEquals(0, fresh.builds());
        assertEquals(1, fresh.diskLoads());
        assertEquals(built.evaluate(REQUEST), loaded.evaluate(REQUEST));
        assertEquals(built.rules(), loaded.rules());
        assertEquals(built.digest(), loaded.digest());
    }

    @Test
    void aPolicyFromDiskCompilesEachThenBlockWhenItFirstFiresAndDecidesAsTheCompiledOne() throws Exception {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        DroolsPolicy loaded = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        List<Object> consequences = loaded.compiled().kieBase().getKiePackages().stream()
                .flatMap(p -> p.getRules().stream())
                .map(r -> (Object) ((org.drools.base.definitions.rule.impl.RuleImpl) r).getConsequence())
                .toList();
        assertEquals(2, consequences.size());
        assertTrue(consequences.stream().allMatch(c -> c instanceof LazyConsequences.Lazy), consequences.toString());
        // the first firings race each other, as concurrent requests in the daemon would
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<Object>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                runs.add(pool.submit(() -> loaded.evaluate(REQUEST)));
            }
            for (java.util.concurrent.Future<Object> run : runs) {
                assertEquals(built.evaluate(REQUEST), run.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCorruptedCacheFileIsIgnoredAndRebuilt() throws Exception {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Path file = CacheFile.path(cacheDir, built.digest());
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length - 100] ^= 0x5a;
        Files.write(file, bytes);

        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        assertEquals(built.evaluate(REQUEST), DroolsPolicy.load(policy, fresh).evaluate(REQUEST));
        assertEquals(List.of(1, 0), List.of(fresh.builds(), fresh.diskLoads()));

        PolicyCache afterRepair = PolicyCache.isolated(cacheDir);
        DroolsPolicy.load(policy, afterRepair);
        assertEquals(List.of(0, 1), List.of(afterRepair.builds(), afterRepair.diskLoads()));
    }

    @Test
    void aTruncatedCacheFileIsIgnoredAndRebuilt() throws Exception {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Path file = CacheFile.path(cacheDir, built.digest());
        Files.write(file, java.util.Arrays.copyOf(Files.readAllBytes(file), 40));
        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        assertEquals(built.evaluate(REQUEST), DroolsPolicy.load(policy, fresh).evaluate(REQUEST));
        assertEquals(List.of(1, 0), List.of(fresh.builds(), fresh.diskLoads()));
    }

    @Test
    void aCacheFileOfAnotherPolicyIsNotTrusted() throws Exception {
        DroolsPolicy original = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Policies.drl(policy, "exec.drl", RULES.replace("policy.allow($a, \"ls reads\");", "policy.deny($a, \"no ls\");"));
        String changed = PolicySources.read(policy).digest();
        // plant the old compiled rules under the new policy's name: the header's digest gives it away
        Files.copy(CacheFile.path(cacheDir, original.digest()), CacheFile.path(cacheDir, changed));

        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy loaded = DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(1, 0), List.of(fresh.builds(), fresh.diskLoads()));
        assertTrue(loaded.evaluate(REQUEST).toString().contains("no ls"), loaded.evaluate(REQUEST).toString());
    }

    @Test
    void aCacheFileOthersCanWriteIsNotTrusted() throws Exception {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        Path file = CacheFile.path(cacheDir, built.digest());
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        PolicyCache fresh = PolicyCache.isolated(cacheDir);
        DroolsPolicy.load(policy, fresh);
        assertEquals(List.of(1, 0), List.of(fresh.builds(), fresh.diskLoads()));
    }

    @Test
    void cacheFilesAreOnlyReadableByTheirOwner() throws Exception {
        DroolsPolicy built = DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir.resolve("policy")));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(CacheFile.path(cacheDir.resolve("policy"), built.digest()))));
        assertEquals("rwx------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(cacheDir.resolve("policy"))));
    }

    @Test
    void theDiskCacheKeepsOnlyTheNewestEntries() throws Exception {
        for (int i = 0; i < CacheFile.KEPT_ENTRIES + 3; i++) {
            Policies.drl(policy, "exec.drl", RULES.replace("ls reads", "ls reads, version " + i));
            DroolsPolicy.load(policy, PolicyCache.isolated(cacheDir));
        }
        try (java.util.stream.Stream<Path> files = Files.list(cacheDir)) {
            assertEquals(CacheFile.KEPT_ENTRIES, files.count());
        }
        assertTrue(Files.exists(CacheFile.path(cacheDir, PolicySources.read(policy).digest())));
    }
}
