package dev.llmos.cli.policy;

import dev.llmos.cli.app.BadInputException;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * which policy a test run tests and where its suites are. the suites beside a policy test that
 * policy, so {@code policy test policies/tests} never quietly tests the installed one instead.
 */
record PolicyDirs(Path policy, Path tests) {

    /**
     * @param given the DIR argument, absolute, or null
     * @param policyFlag whether --policy was given: then it names the policy, whatever DIR is
     */
    static PolicyDirs forTests(Path given, boolean policyFlag, Settings settings) {
        Path policy;
        Path tests;
        if (given == null) {
            policy = Wiring.policyDir(settings);
            tests = policy.resolve("tests");
        } else if (holdsDrl(given)) {
            policy = policyFlag ? Wiring.policyDir(settings) : given;
            tests = given.resolve("tests");
        } else {
            tests = given;
            Path parent = given.getParent();
            policy = !policyFlag && parent != null && holdsDrl(parent) ? parent : Wiring.policyDir(settings);
        }
        if (!Files.isDirectory(tests)) {
            throw new BadInputException("no tests directory " + tests);
        }
        return new PolicyDirs(policy, tests);
    }

    /** a file as output names it: relative to the working directory when it is below it. */
    String display(Path cwd, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }

    private static boolean holdsDrl(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.anyMatch(p -> p.getFileName().toString().endsWith(".drl"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
