package dev.llmos.cli;

import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** what {@code llmsh run} shows a person of what read-only actions read. */
class ResultViewTest {

    @TempDir
    Path tmp;

    private Cli cli() {
        return Cli.shipped(tmp);
    }

    @Test
    void showsWhatReadFileReadCappedWithANoteWhenCut() throws IOException {
        Path small = Files.writeString(tmp.resolve("small.txt"), "first line\nsecond line\n");
        Path big = Files.writeString(tmp.resolve("big.txt"),
                IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).collect(Collectors.joining("\n", "", "\n")));

        Cli.Result r = cli().run("run", Plans.file(tmp, plan(read("a1", small.toString()), read("a2", big.toString()))));

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("      content:\n        | first line\n        | second line\n  a2  ok"), r.out());
        assertTrue(r.out().contains("        | line 20\n        | ... (cut: 391 bytes in all; --json has what was read)\n"), r.out());
        assertTrue(!r.out().contains("line 21"), r.out());
    }

    @Test
    void showsObservedNumbersAsATableWithUnits() {
        var observe = Json.mapper().createObjectNode().put("id", "a1").put("type", "observe").put("what", "disk")
                .put("path", tmp.toString()).put("reason", "how full");

        Cli.Result r = cli().run("run", Plans.file(tmp, plan(observe)));

        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*\n      filesystems:\n        mount +device +type +total +used +available +used % +read only\n"
                + "        \\S+ +\\S+ +\\S+ +[0-9.]+ [KMGTP]iB +[0-9.]+ [KMGTP]iB +[0-9.]+ [KMGTP]iB +[0-9.]+% +(true|false)\n.*"), r.out());
    }
}
