package dev.llmos.actions.files;

import dev.llmos.actions.TestContexts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FileFactTest {

    @TempDir
    Path tmp;
    Path dir;
    String top;
    String owner;

    @BeforeEach
    void dirs() throws Exception {
        dir = tmp.toRealPath();
        top = "/" + dir.getName(0);
        owner = Files.getOwner(dir).getName();
    }

    @Test
    void describesAWriteThroughASymlinkWithTheRealPathAndTheModeKept() throws Exception {
        Path target = FileFixtures.file(dir.resolve("target"), "12345".getBytes(StandardCharsets.UTF_8), "rw-r-----");
        Path link = Files.createSymbolicLink(dir.resolve("link"), target);
        assertEquals(new WriteFile("a1", 0, "write_file", "because", "low", link.toString(), target.toString(), top,
                        true, true, owner, 5, "0640", 3),
                new WriteFileHandler().fact(TestContexts.header("write_file"),
                        new WriteFileParams(link.toString(), "abc", null), TestContexts.facts()));
    }

    @Test
    void describesANewFileWithTheModeNormalisedAndContentCountedInBytes() {
        String path = dir + "/sub/../new";
        assertEquals(new WriteFile("a1", 0, "write_file", "because", "low", path, dir + "/new", top,
                        false, false, null, -1, "0755", 2),
                new WriteFileHandler().fact(TestContexts.header("write_file"),
                        new WriteFileParams(path, "é", "755"), TestContexts.facts()));
    }

    @Test
    void describesAnAppendWithTheModeItKeeps() throws Exception {
        Path file = FileFixtures.file(dir.resolve("log"), "x".getBytes(StandardCharsets.UTF_8), "rw-------");
        assertEquals(new AppendFile("a1", 0, "append_file", "because", "low", file.toString(), file.toString(), top,
                        true, false, owner, 1, "0600", 4),
                new AppendFileHandler().fact(TestContexts.header("append_file"),
                        new AppendFileParams(file.toString(), "more"), TestContexts.facts()));
    }

    @Test
    void describesAReadWithTheDefaultMaxBytes() throws Exception {
        Path file = Files.writeString(dir.resolve("f"), "abc");
        assertEquals(new ReadFile("a1", 0, "read_file", "because", "low", file.toString(), file.toString(), top,
                        true, false, owner, 3, 65536),
                new ReadFileHandler().fact(TestContexts.header("read_file"),
                        new ReadFileParams(file.toString(), null), TestContexts.facts()));
    }
}
