package dev.llmos.actions.files;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.host.PathFacts;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * real symlink swaps between the decision and the run: file actions act on the objects that were
 * decided (by descriptor, no symlink followed, inode checked) or refuse, and nothing outside the
 * decision changes. each test decides first (as the pipeline would), then swaps, then runs.
 */
class BoundFileTest {

    private final WriteFileHandler write = new WriteFileHandler();
    private final AppendFileHandler append = new AppendFileHandler();

    @TempDir
    Path tmp;
    Path race;
    Path policies;
    Path execDrl;
    Path state;

    @BeforeEach
    void dirs() throws Exception {
        Path root = tmp.toRealPath();
        race = Files.createDirectories(root.resolve("race/sub"));
        policies = Files.createDirectory(root.resolve("policies"));
        execDrl = Files.writeString(policies.resolve("exec.drl"), "rule \"deny everything\"\n");
        state = root.resolve("state");
    }

    /** the context the executor builds: the decision's view of the path travels with it. */
    private ExecContext decided(Path path) {
        PathFacts facts = TestContexts.facts().path(path.toString());
        return new ExecContext(state, TestContexts.DIGEST, "a1", TestContexts.SELF, Limits.DEFAULT, null, null, List.of(facts));
    }

    /** the protected file's bytes, inode and its directory's listing: what must not change. */
    private List<Object> untouched() throws Exception {
        try (var files = Files.list(policies)) {
            return List.of(Files.readString(execDrl), Files.getAttribute(execDrl, "unix:ino"), files.sorted().toList());
        }
    }

    private void swapForLink(Path dir, Path to) throws Exception {
        Files.move(dir, dir.resolveSibling(dir.getFileName() + ".old"));
        Files.createSymbolicLink(dir, to);
    }

    @Test
    void refusesToWriteThroughADirectorySwappedForASymlinkAfterTheDecision() throws Exception {
        Path target = race.resolve("zz.drl");
        ExecContext context = decided(target);
        List<Object> before = untouched();
        swapForLink(race, policies);
        ActionOutcome outcome = write.execute(new WriteFileParams(target.toString(), "allow everything", null), context);
        assertEquals(List.of(ActionOutcome.failure("refusing to touch " + target + ": " + race + " was a directory at decision time,"
                + " now a symlink to " + policies + "; nothing changed"), before), List.of(outcome, untouched()));
    }

    @Test
    void refusesToWriteWhenTheFileItselfBecameASymlinkToAProtectedFile() throws Exception {
        Path f = Files.writeString(race.resolve("f"), "scratch\n");
        ExecContext context = decided(f);
        List<Object> before = untouched();
        Files.delete(f);
        Files.createSymbolicLink(f, execDrl);
        ActionOutcome outcome = write.execute(new WriteFileParams(f.toString(), "allow everything", null), context);
        assertEquals(List.of(ActionOutcome.failure("refusing to write " + f + ": it was a regular file at decision time, now a"
                + " symlink to " + execDrl + "; nothing changed"), before, true), List.of(outcome, untouched(), Files.isSymbolicLink(f)));
    }

    @Test
    void refusesToAppendToAFileReplacedByAnotherSinceTheDecision() throws Exception {
        Path f = Files.writeString(race.resolve("log"), "one\n");
        ExecContext context = decided(f);
        long decidedInode = (Long) Files.getAttribute(f, "unix:ino");
        Path other = Files.writeString(race.resolve("other"), "someone else's\n");
        Files.move(other, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        ActionOutcome outcome = append.execute(new AppendFileParams(f.toString(), "two\n"), context);
        String dev = String.valueOf(Files.getAttribute(f, "unix:dev"));
        assertEquals(List.of(ActionOutcome.failure("refusing to touch " + f + ": it is not the file that was there at decision"
                + " time (device " + dev + " inode " + decidedInode + " then, device " + dev + " inode " + Files.getAttribute(f, "unix:ino")
                + " now); nothing changed"), "someone else's\n"), List.of(outcome, Files.readString(f)));
    }

    @Test
    void refusesToReadThroughADirectorySwappedForASymlinkAfterTheDecision() throws Exception {
        Files.writeString(race.resolve("exec.drl"), "scratch copy\n");
        Path target = race.resolve("exec.drl");
        ExecContext context = decided(target);
        swapForLink(race, policies);
        ActionOutcome outcome = new ReadFileHandler().execute(new ReadFileParams(target.toString(), null), context);
        assertEquals(ActionOutcome.failure("refusing to touch " + target + ": " + race + " was a directory at decision time,"
                + " now a symlink to " + policies + "; nothing changed"), outcome);
    }

    @Test
    void refusesToWriteIntoAnotherDirectoryRenamedIntoThePlaceOfTheDecidedOne() throws Exception {
        Path target = race.resolve("zz.conf");
        ExecContext context = decided(target);
        Object decidedInode = Files.getAttribute(race, "unix:ino");
        Files.move(race, race.resolveSibling("sub.old"));
        Files.createDirectory(race);
        ActionOutcome outcome = write.execute(new WriteFileParams(target.toString(), "x", null), context);
        String dev = String.valueOf(Files.getAttribute(race, "unix:dev"));
        assertEquals(List.of(ActionOutcome.failure(race + " is not the directory that was there at decision time (device " + dev
                + " inode " + decidedInode + " then, device " + dev + " inode " + Files.getAttribute(race, "unix:ino")
                + " now); nothing changed"), false), List.of(outcome, Files.exists(target)));
    }

    @Test
    void theDescriptorWalkFollowsNoSymlinkEvenWhenNothingLookedBefore() throws Exception {
        Path target = race.resolve("zz.drl");
        swapForLink(race, policies);
        FileTarget.Refused refused = org.junit.jupiter.api.Assertions.assertThrows(FileTarget.Refused.class,
                () -> BoundDir.open(target, null, "at decision time", "root"));
        assertEquals("refusing to touch " + target + ": " + race + " was a directory at decision time, now a symlink to "
                + policies + "; nothing changed", refused.getMessage());
    }

    @Test
    void undoAfterADirectorySwapLeavesTheProtectedFileAlone() throws Exception {
        Path created = race.resolve("exec.drl");
        ExecContext context = decided(created);
        WriteFileParams params = new WriteFileParams(created.toString(), "mine", null);
        ActionOutcome done = write.execute(params, context);
        List<Object> before = untouched();
        swapForLink(race, policies);
        ActionOutcome undone = write.undo(params, done.undo(), context);
        assertEquals(List.of(true, ActionOutcome.failure("cannot undo: refusing to touch " + created + ": " + race
                + " was a directory when the action ran, now a symlink to " + policies + "; nothing changed"), before),
                List.of(done.ok(), undone, untouched()));
    }

    @Test
    void writesThroughASymlinkThatExistedAtDecisionTimeOnlyToWhatWasDecided() throws Exception {
        Path real = Files.writeString(race.resolve("real.conf"), "old\n");
        Path link = Files.createSymbolicLink(race.resolve("link.conf"), real);
        ExecContext context = decided(link);
        // repointed after the decision: the write still goes to the decided real file
        Files.delete(link);
        Files.createSymbolicLink(link, execDrl);
        List<Object> before = untouched();
        ActionOutcome outcome = write.execute(new WriteFileParams(link.toString(), "new\n", null), context);
        assertEquals(List.of(true, "new\n", before), List.of(outcome.ok(), Files.readString(real), untouched()));
    }
}
