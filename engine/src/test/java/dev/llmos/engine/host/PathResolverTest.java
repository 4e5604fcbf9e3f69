package dev.llmos.engine.host;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PathResolverTest {

    @TempDir
    Path tmp;

    @Test
    void followsASymlinkedDirectoryForAFileThatDoesNotExistYet() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("real/etc"));
        Files.createSymbolicLink(tmp.resolve("link"), target);
        PathFacts facts = new PathResolver(tmp).resolve("link/new.conf");
        Path real = target.toRealPath().resolve("new.conf");
        assertEquals(new PathFacts("link/new.conf", real.toString(), "/" + real.getName(0), false, false, true, null, -1,
                null, FileId.of(target)), facts);
    }

    @Test
    void followsAFinalSymlinkAndReportsTheTarget() throws Exception {
        Path file = Files.writeString(tmp.resolve("f"), "12345");
        Files.createSymbolicLink(tmp.resolve("l"), file);
        PathFacts facts = new PathResolver(Path.of("/")).resolve(tmp.resolve("l").toString());
        assertEquals(file.toRealPath().toString(), facts.realPath());
        assertEquals(true, facts.symlink());
        assertEquals(5, facts.size());
    }

    @Test
    void normalisesDotDotBeforeAnyRuleSeesIt() {
        PathFacts facts = new PathResolver(Path.of("/")).resolve("/tmp/../etc/../boot/vmlinuz-x");
        assertEquals("/boot", facts.topDir());
        assertEquals(true, facts.realPath().startsWith("/boot/"));
    }

    @Test
    void theRootItselfHasTopDirSlash() {
        assertEquals("/", new PathResolver(Path.of("/")).resolve("/").topDir());
    }
}
