package dev.llmos.actions.exec;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * finds the program argv[0] names, on the fixed safe PATH only. the executor runs exactly what
 * this finds, so policy and execution agree on which binary it is whatever PATH the jvm has.
 */
public final class ProgramLookup {

    private ProgramLookup() {
    }

    /**
     * @param cwd the child's working directory, against which a relative "dir/prog" is taken; null for ours
     */
    public static Optional<Path> find(String argv0, String cwd) {
        if (argv0 == null || argv0.isEmpty() || argv0.indexOf('\0') >= 0) {
            return Optional.empty();
        }
        try {
            if (argv0.indexOf('/') >= 0) {
                Path p = cwd == null ? Path.of(argv0).toAbsolutePath() : Path.of(cwd).resolve(argv0);
                return executable(p.normalize()) ? Optional.of(p.normalize()) : Optional.empty();
            }
            for (String dir : ExecEnvironment.SAFE_PATH.split(":")) {
                Path p = Path.of(dir, argv0);
                if (executable(p)) {
                    return Optional.of(p);
                }
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean executable(Path p) {
        return Files.isRegularFile(p) && Files.isExecutable(p);
    }
}
