package dev.llmos.llm.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ServerLogsTest {

    @TempDir
    Path dir;

    @Test
    void eachLaunchGetsItsOwnLogAndOnlyTheNewestAreKept() throws IOException, InterruptedException {
        Files.writeString(dir.resolve("unrelated.txt"), "kept");
        List<Path> made = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            made.add(ServerLogs.next(dir, 3));
            Thread.sleep(2);
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(made.get(4), made.get(5), made.get(6), dir.resolve("unrelated.txt")), files.sorted().toList());
        }
    }

    @Test
    void theLogDirectoryIsCreatedWhenMissing() throws IOException {
        Path log = ServerLogs.next(dir.resolve("state/model-server"), 5);
        assertEquals(dir.resolve("state/model-server"), log.getParent());
    }
}
