package dev.llmos.engine.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * heads sent to syslog (journald or rsyslog) with {@code logger -t llm-os-audit}, so the admin's
 * log pipeline keeps, and may forward, a copy the log's owner cannot reach back into. only used
 * when /dev/log exists: logger exits 0 even when nothing listens, so its exit status proves nothing.
 */
public record SyslogAnchor(Path devLog, String logger) implements Anchor {

    public static final String TAG = "llm-os-audit";

    /** the system's syslog, if something listens at /dev/log and logger is installed. */
    public static Optional<SyslogAnchor> system() {
        Path dev = Path.of("/dev/log");
        for (String dir : List.of("/usr/bin", "/bin")) {
            Path l = Path.of(dir, "logger");
            if (Files.exists(dev) && Files.isExecutable(l)) {
                return Optional.of(new SyslogAnchor(dev, l.toString()));
            }
        }
        return Optional.empty();
    }

    @Override
    public void publish(String log, long seq, String hash) throws IOException {
        Process p = new ProcessBuilder(logger, "-t", TAG, "--", Anchor.line(log, seq, hash))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            if (!p.waitFor(2, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("logger did not finish within 2 s");
            }
            if (p.exitValue() != 0) {
                throw new IOException("logger exited " + p.exitValue());
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending the head to syslog", e);
        }
    }

    @Override
    public String describe() {
        return "syslog via " + devLog + " (tag " + TAG + ")";
    }
}
