package dev.llmos.llm.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;

/**
 * the logs of launched model servers: one file per launch in the state directory, named by the time
 * it started so they sort by age, and only the newest few kept. a temp directory would collect one
 * file per launch for ever.
 */
final class ServerLogs {

    static final String PREFIX = "model-server-";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS");

    private ServerLogs() {
    }

    /** a new log file in {@code dir}; older ones beyond {@code keep} (this one included) are deleted. */
    static Path next(Path dir, int keep) throws IOException {
        Files.createDirectories(dir);
        Path log = dir.resolve(PREFIX + LocalDateTime.now().format(STAMP) + "-" + ProcessHandle.current().pid() + ".log");
        Files.writeString(log, "");
        List<Path> logs;
        try (Stream<Path> files = Files.list(dir)) {
            logs = files.filter(f -> f.getFileName().toString().startsWith(PREFIX) && f.getFileName().toString().endsWith(".log"))
                    .sorted().toList();
        }
        for (Path old : logs.subList(0, Math.max(0, logs.size() - keep))) {
            Files.deleteIfExists(old);
        }
        return log;
    }
}
