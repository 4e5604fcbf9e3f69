package dev.llmos.rules;

import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.rules.fixtures.Cmd;
import dev.llmos.rules.fixtures.Put;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DeterminismTest {

    @TempDir
    static Path dir;

    static DroolsPolicy policy;

    static final PolicyRequest REQUEST = Policies.request(
            Cmd.of("a1", 0, "ls", "/etc"),
            Put.of("w1", 1, "/etc/motd"),
            Cmd.of("a2", 2, "cat", "/etc/motd"),
            Put.of("w2", 3, "/tmp/x"),
            Cmd.of("a3", 4, "rm", "-rf", "/"));

    @BeforeAll
    static void load() {
        Policies.drl(dir, "exec.drl", """
                rule "readers" @id("exec.read") @justification("reads only")
                when $a : Cmd(program in ("ls", "cat")) then policy.allow($a, "reads " + $a.path); end
                rule "rm" @id("exec.rm")
                when $a : Cmd(program == "rm", argv contains "/") then policy.deny($a, "deletes /", "name the directory"); end
                rule "anything" @id("exec.any")
                when $a : Cmd() then policy.confirm($a, "someone looks at " + $a.program); end
                """);
        Policies.drl(dir, "files.drl", """
                rule "system" @id("files.etc")
                when $a : Put(topDir == "/etc") then policy.confirm($a, "system file"); policy.undo($a, true); end
                rule "tmp" @id("files.tmp")
                when $a : Put(topDir == "/tmp") then policy.allow($a, "scratch"); policy.requireDiskFree($a, "/tmp", 1024L); end
                rule "read after write" @id("plan.read-after-write")
                when $w : Put() $a : Cmd(index > $w.index, argv contains $w.realPath)
                then policy.confirm($a, "reads what " + $w.id + " wrote"); end
                """);
        policy = Policies.load(dir);
    }

    @Test
    void aThousandEvaluationsGiveTheSameOutputs() {
        List<RuleOutput> first = policy.evaluate(REQUEST);
        assertEquals(11, first.size());
        Set<List<RuleOutput>> distinct = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            distinct.add(policy.evaluate(REQUEST));
        }
        assertEquals(Set.of(first), distinct);
    }

    @Test
    void concurrentEvaluationsGiveTheSameOutputs() throws Exception {
        List<RuleOutput> expected = policy.evaluate(REQUEST);
        List<Future<Set<List<RuleOutput>>>> futures = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int t = 0; t < 8; t++) {
                futures.add(pool.submit(() -> {
                    Set<List<RuleOutput>> seen = new HashSet<>();
                    for (int i = 0; i < 500; i++) {
                        seen.add(policy.evaluate(REQUEST));
                    }
                    return seen;
                }));
            }
            Set<List<RuleOutput>> all = new HashSet<>();
            for (Future<Set<List<RuleOutput>>> f : futures) {
                all.addAll(f.get());
            }
            assertEquals(Set.of(expected), all);
        }
    }

    @Test
    void aPolicyLoadedFromTheDiskCacheDecidesLikeTheOneCompiled(@TempDir Path cache) {
        DroolsPolicy.load(dir, PolicyCache.isolated(cache));
        PolicyCache fresh = PolicyCache.isolated(cache);
        DroolsPolicy loaded = DroolsPolicy.load(dir, fresh);
        assertEquals(1, fresh.diskLoads());
        assertEquals(policy.evaluate(REQUEST), loaded.evaluate(REQUEST));
    }
}
