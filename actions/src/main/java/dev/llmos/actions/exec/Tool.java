package dev.llmos.actions.exec;

import dev.llmos.engine.spi.Output;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * an external program an action package drives (dmidecode, xdotool, ...): found on the safe PATH
 * only, run argv-only through {@link ProcessRunner} in its own process group, with a minimal
 * environment (the safe PATH, the C locale so its output parses) plus what the caller adds.
 */
public final class Tool {

    /** what one run of the tool gave. */
    public record Run(int exitCode, boolean timedOut, Output stdout, Output stderr) {

        public boolean ok() {
            return !timedOut && exitCode == 0;
        }

        /** why it failed, in one line, for an outcome's error. */
        public String failure(String what) {
            if (timedOut) {
                return what + " timed out";
            }
            String tail = stderr.tail(1).strip();
            return what + " failed with exit code " + exitCode + (tail.isEmpty() ? "" : ": " + tail);
        }
    }

    private final Path program;

    private Tool(Path program) {
        this.program = program;
    }

    /** the program by its name on the safe PATH; empty when it is not installed. */
    public static Optional<Tool> find(String name) {
        if (name.indexOf('/') >= 0) {
            return Optional.empty();
        }
        return ProgramLookup.find(name, null).map(Tool::new);
    }

    public Path program() {
        return program;
    }

    public Run run(List<String> args, Map<String, String> env, int timeoutSec, int maxOutputBytes)
            throws IOException, InterruptedException {
        Path setsid = ProgramLookup.find("setsid", null)
                .orElseThrow(() -> new IOException("setsid not found on " + ExecEnvironment.SAFE_PATH));
        List<String> command = new ArrayList<>(List.of(setsid.toString(), program.toString()));
        command.addAll(args);
        Map<String, String> childEnv = new LinkedHashMap<>();
        childEnv.put("PATH", ExecEnvironment.SAFE_PATH);
        childEnv.put("LC_ALL", "C");
        childEnv.putAll(env);
        ProcessRunner.Result r = ProcessRunner.run(command, childEnv, null, timeoutSec, maxOutputBytes);
        return new Run(r.exitCode(), r.timedOut(), r.stdout(), r.stderr());
    }
}
