package dev.llmos.actions.packages;

import dev.llmos.engine.json.Json;
import dev.llmos.engine.policy.Precondition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** lock_free asks the kernel who holds a lock (fcntl F_GETLK) and never takes it itself. */
class LockFreeTest {

    @TempDir
    Path tmp;

    @Test
    void aLockAnotherProcessHoldsIsReportedWithItsHolderThenFreeOnceItGoes() throws Exception {
        Path lock = Files.createFile(tmp.resolve("lock-frontend"));
        Path other = Files.createFile(tmp.resolve("lock"));
        LockFree free = new LockFree("apt", List.of(lock.toString(), other.toString()));
        LockHolder holder = new LockHolder(lock);
        Precondition.Check held;
        try {
            held = free.check();
            // asking again changes nothing: the check never took the lock from the holder
            assertEquals(held, free.check());
        } finally {
            holder.close();
        }
        assertEquals(List.of(new Precondition.Check(false, lock + " is locked by pid " + holder.pid() + " (python3)"),
                        new Precondition.Check(true, "apt's locks are free")),
                List.of(held, free.check()));
    }

    @Test
    void aMissingLockFileIsFree() {
        assertEquals(new Precondition.Check(true, "dnf's locks are free"),
                new LockFree("dnf", List.of(tmp.resolve("no-such-lock").toString())).check());
    }

    @Test
    void pacmansLockIsAFileThatExistsWhilePacmanRuns() throws Exception {
        Path lock = tmp.resolve("db.lck");
        LockFree free = new LockFree("pacman", List.of(lock.toString()));
        Precondition.Check before = free.check();
        Files.createFile(lock);
        assertEquals(List.of(new Precondition.Check(true, "pacman's locks are free"),
                        new Precondition.Check(false, lock + " exists (pacman is running, or a crashed one left it behind)")),
                List.of(before, free.check()));
    }

    @Test
    void eachManagerHasItsOwnLocksAndAnUnknownOneFails() {
        assertEquals(List.of(List.of("/var/lib/dpkg/lock-frontend", "/var/lib/dpkg/lock", "/var/lib/apt/lists/lock",
                                "/var/cache/apt/archives/lock"), List.of("/var/lib/rpm/.rpm.lock"), List.of("/var/lib/pacman/db.lck"),
                        "lock_free apt", new Precondition.Check(false, "no known locks for package manager none")),
                List.of(new LockFree("apt").paths(), new LockFree("dnf").paths(), new LockFree("pacman").paths(),
                        new LockFree("apt").describe(), new LockFree("none").check()));
    }

    @Test
    void onTheWireItKeepsItsKindAndDescription() {
        assertEquals("{\"manager\":\"apt\",\"paths\":[\"/l\"],\"kind\":\"lock_free\",\"description\":\"lock_free apt\"}",
                Json.write(new LockFree("apt", List.of("/l"))));
    }
}
