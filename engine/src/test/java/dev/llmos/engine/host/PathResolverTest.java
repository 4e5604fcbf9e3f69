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

    @Test
    void followsASymlinkBeforeTheDotDotAfterItAsTheKernelDoes() throws Exception {
        Path deep = Files.createDirectories(tmp.resolve("run/inner"));
        Files.writeString(tmp.resolve("run/shadow"), "x");
        Files.createDirectories(tmp.resolve("var"));
        Files.createSymbolicLink(tmp.resolve("var/run"), deep);
        // textually var/run/../shadow is var/shadow; the kernel goes through the link to run/inner, then up
        PathFacts facts = new PathResolver(tmp).resolve("var/run/../shadow");
        assertEquals(tmp.resolve("run/shadow").toRealPath().toString(), facts.realPath());
        assertEquals(true, facts.exists());
    }

    @Test
    void resolvesTheSystemsOwnVarRunLinkBeforeDotDot() {
        // on debian /var/run links to /run, so /var/run/../etc/shadow is /etc/shadow
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isSymbolicLink(Path.of("/var/run")));
        assertEquals("/etc/shadow", new PathResolver(Path.of("/")).resolve("/var/run/../etc/shadow").realPath());
    }
}
