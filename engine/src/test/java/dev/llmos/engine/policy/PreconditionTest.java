package dev.llmos.engine.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** preconditions check the very path named: a symlink swapped in fails them instead of redirecting them. */
class PreconditionTest {

    @TempDir
    Path tmp;

    @Test
    void pathExistsHoldsForARealPath() throws Exception {
        Path dir = Files.createDirectory(tmp.toRealPath().resolve("d"));
        assertEquals(new Precondition.Check(true, dir + " exists"), new PathExists(dir.toString()).check());
    }

    @Test
    void pathExistsFailsWhenADirectoryOnTheWayBecameASymlink() throws Exception {
        Path root = tmp.toRealPath();
        Path elsewhere = Files.createDirectories(root.resolve("elsewhere/conf"));
        Path sub = Files.createSymbolicLink(root.resolve("sub"), elsewhere.getParent());
        assertEquals(new Precondition.Check(false, sub + " is a symlink to " + elsewhere.getParent()
                        + "; preconditions follow no symlinks"),
                new PathExists(sub.resolve("conf").toString()).check());
    }

    @Test
    void diskFreeDoesNotMeasureThroughASymlink() throws Exception {
        Path root = tmp.toRealPath();
        Path link = Files.createSymbolicLink(root.resolve("data"), Path.of("/"));
        List<Object> checks = List.of(new DiskFree(link.resolve("f").toString(), 1).check(),
                new DiskFree(root.resolve("missing/f").toString(), 1).check().ok());
        assertEquals(List.of(new Precondition.Check(false, link + " is a symlink to /; preconditions follow no symlinks"), true),
                checks);
    }
}
