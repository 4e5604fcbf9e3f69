package dev.llmos.cli.app;

import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyLoadException;
import dev.llmos.engine.policy.PolicyProblem;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;
import dev.llmos.rules.PolicyCheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** the real policy compiler: drools, with the compiled result cached by digest in memory and on disk. */
public final class DroolsPolicies implements Policies {

    @Override
    public PolicyEngine load(Path policyDir, Path cacheDir) {
        return DroolsPolicy.load(policyDir, PolicyCache.onDisk(cacheDir.resolve("policy")));
    }

    /**
     * the rules module's check finds every problem, warnings included; a policy without errors is
     * then loaded through the cache for its rule count and digest, which also warms the cache.
     */
    @Override
    public Report check(Path policyDir, Path cacheDir) {
        // with the registry, check also finds rules written against action kinds this build lacks
        List<PolicyProblem> problems = PolicyCheck.check(policyDir, Wiring.registry());
        if (problems.stream().anyMatch(PolicyProblem::error)) {
            return new Report(problems, 0, drlFiles(policyDir), null);
        }
        try {
            DroolsPolicy policy = quietly(() -> (DroolsPolicy) load(policyDir, cacheDir));
            return new Report(problems, policy.rules().size(), drlFiles(policyDir), policy.digest());
        } catch (PolicyLoadException e) {
            List<PolicyProblem> all = new ArrayList<>(problems);
            all.addAll(e.problems());
            return new Report(all, 0, drlFiles(policyDir), null);
        }
    }

    /**
     * the loader logs its warnings, which check has already reported as file:line: message;
     * printed twice they read as twice the problems. -v still shows the log.
     */
    private static <T> T quietly(java.util.function.Supplier<T> load) {
        if (!(org.slf4j.LoggerFactory.getLogger(DroolsPolicy.class) instanceof ch.qos.logback.classic.Logger logger)
                || logger.isInfoEnabled()) {
            return load.get();
        }
        ch.qos.logback.classic.Level before = logger.getLevel();
        logger.setLevel(ch.qos.logback.classic.Level.ERROR);
        try {
            return load.get();
        } finally {
            logger.setLevel(before);
        }
    }

    /** the .drl files the rules module reads: dot files and tests/ folders are not policy. */
    private static int drlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return (int) files.filter(p -> p.toString().endsWith(".drl") && Files.isRegularFile(p))
                    .map(dir::relativize)
                    .filter(rel -> {
                        for (Path part : rel) {
                            if (part.toString().startsWith(".")) {
                                return false;
                            }
                        }
                        return rel.getParent() == null || !rel.getParent().toString().matches("(.*/)?tests(/.*)?");
                    })
                    .count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
