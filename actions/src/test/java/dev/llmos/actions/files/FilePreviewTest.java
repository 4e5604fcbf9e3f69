package dev.llmos.actions.files;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.Preview;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FilePreviewTest {

    private final WriteFileHandler write = new WriteFileHandler();
    private final AppendFileHandler append = new AppendFileHandler();

    @TempDir
    Path tmp;
    Path dir;
    Path state;

    @BeforeEach
    void dirs() throws Exception {
        dir = tmp.toRealPath();
        state = dir.resolve("state");
    }

    private Preview preview(Path file, String content, String mode) {
        return write.preview(new WriteFileParams(file.toString(), content, mode), TestContexts.exec(state));
    }

    @Test
    void showsAModificationAsAUnifiedDiff() throws Exception {
        Path file = Files.writeString(dir.resolve("conf"), "one\ntwo\nthree\nfour\nfive\nsix\n");
        assertEquals(new Preview("would modify " + file + " (28 -> 26 bytes, mode 0644)", """
                        --- a%1$s
                        +++ b%1$s
                        @@ -1,5 +1,5 @@
                         one
                        -two
                        +2
                         three
                         four
                         five
                        """.formatted(file)),
                preview(file, "one\n2\nthree\nfour\nfive\nsix\n", "0644"));
    }

    @Test
    void showsANewFileAgainstDevNull() {
        Path file = dir.resolve("new");
        assertEquals(new Preview("would create " + file + " (4 bytes, mode 0600)", """
                        --- /dev/null
                        +++ b%s
                        @@ -0,0 +1,2 @@
                        +a
                        +b
                        """.formatted(file)),
                preview(file, "a\nb\n", "600"));
    }

    @Test
    void marksALastLineWithoutNewlineTheWayDiffDoes() throws Exception {
        Path file = Files.writeString(dir.resolve("conf"), "a\nb");
        assertEquals("""
                        --- a%1$s
                        +++ b%1$s
                        @@ -1,2 +1,2 @@
                         a
                        -b
                        \\ No newline at end of file
                        +b
                        """.formatted(file),
                preview(file, "a\nb\n", null).diff());
    }

    @Test
    void showsEmptyingAFileWithAnEmptyNewRange() throws Exception {
        Path file = Files.writeString(dir.resolve("conf"), "a\n");
        assertEquals("--- a%1$s\n+++ b%1$s\n@@ -1,1 +0,0 @@\n-a\n".formatted(file), preview(file, "", null).diff());
    }

    @Test
    void showsAnAppendAsAddedLines() throws Exception {
        Path file = Files.writeString(dir.resolve("log"), "x\n");
        assertEquals(new Preview("would append 2 bytes to " + file + " (2 -> 4 bytes, mode 0644)", """
                        --- a%1$s
                        +++ b%1$s
                        @@ -1,1 +1,2 @@
                         x
                        +y
                        """.formatted(file)),
                append.preview(new AppendFileParams(file.toString(), "y\n"), TestContexts.exec(state)));
    }

    @Test
    void summarisesABinaryFileWithoutADiff() throws Exception {
        Path file = Files.write(dir.resolve("blob"), FileFixtures.binary(10));
        assertEquals(new Preview("would modify " + file + " (10 -> 1 bytes, mode 0644); binary content, no diff", null),
                preview(file, "x", null));
    }

    @Test
    void saysWhyTheWriteWouldFail() {
        assertEquals(Preview.of("would fail: parent directory " + dir.resolve("missing") + " does not exist"),
                preview(dir.resolve("missing/file"), "x", null));
    }

    @Test
    void changesNothing() throws Exception {
        Path file = Files.writeString(dir.resolve("conf"), "old");
        preview(file, "new", "0600");
        try (var listing = Files.list(dir)) {
            assertEquals(List.of("old", "0644", List.of(file)),
                    List.of(Files.readString(file), FileFixtures.mode(file), listing.toList()));
        }
    }
}
