package dev.llmos.actions.exec;

import dev.llmos.engine.spi.Output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * runs one system tool that an action package drives itself (apt-get, dnf, pacman, systemctl),
 * from argv with a fixed environment, stdin from /dev/null, in its own process group (through
 * setsid) so a timeout takes the whole tree down: TERM, two seconds' grace, then KILL. output is
 * captured up to a cap. the plan never contributes argv[0] or the environment here: handlers build
 * both from validated fields.
 */
public final class SystemCommand {

    /** the only PATH the tools get. */
    public static final String SAFE_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    /** what a tool did; {@code exitCode} is -1 when it could not be started. */
    public record Result(List<String> argv, int exitCode, boolean timedOut, Output stdout, Output stderr, String startError) {

        public boolean ok() {
            return exitCode == 0 && !timedOut && startError == null;
        }

        /** one line for an outcome's error: what failed and the last line it said. */
        public String failure() {
            if (startError != null) {
                return "cannot run " + argv.get(0) + ": " + startError;
            }
            String last = stderr.tail(1).isBlank() ? stdout.tail(1) : stderr.tail(1);
            String what = String.join(" ", argv.subList(0, Math.min(argv.size(), 2)));
            return (timedOut ? what + " timed out; its process group was killed"
                    : what + " exited with " + exitCode) + (last.isBlank() ? "" : ": " + last.strip());
        }
    }

    private SystemCommand() {
    }

    /** the absolute path of {@code program} on {@link #SAFE_PATH}, or null. */
    public static Path find(String program) {
        for (String dir : SAFE_PATH.split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** the base environment every tool gets: a safe PATH, the C locale (output is parsed), HOME. */
    public static Map<String, String> baseEnvironment() {
        return Map.of("PATH", SAFE_PATH, "LC_ALL", "C", "LANG", "C", "HOME", System.getProperty("user.home", "/"));
    }

    /**
     * runs {@code argv} (argv[0] a program name looked up on {@link #SAFE_PATH}, or an absolute path)
     * with exactly {@code env}, killing its group after {@code timeoutSec}.
     */
    public static Result run(List<String> argv, Map<String, String> env, int timeoutSec, int maxOutputBytes) {
        List<String> command = new ArrayList<>();
        Path setsid = find("setsid");
        Path program = argv.get(0).startsWith("/") ? Path.of(argv.get(0)) : find(argv.get(0));
        if (program == null || !Files.isExecutable(program)) {
            return new Result(argv, -1, false, Output.EMPTY, Output.EMPTY, argv.get(0) + " not found on " + SAFE_PATH);
        }
        if (setsid == null) {
            return new Result(argv, -1, false, Output.EMPTY, Output.EMPTY, "setsid not found on " + SAFE_PATH);
        }
        command.add(setsid.toString());
        command.add(program.toString());
        command.addAll(argv.subList(1, argv.size()));
        // the same runner as exec: own process group, timeout, capped output, leftovers killed
        try {
            ProcessRunner.Result r = ProcessRunner.run(command, env, "/", Math.max(1, timeoutSec), maxOutputBytes);
            return new Result(argv, r.exitCode(), r.timedOut(), r.stdout(), r.stderr(), null);
        } catch (IOException e) {
            return new Result(argv, -1, false, Output.EMPTY, Output.EMPTY, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(argv, -1, true, Output.EMPTY, Output.EMPTY, "interrupted; process group killed");
        }
    }
}
