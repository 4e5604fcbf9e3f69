package dev.llmos.actions.exec;

import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * rm and mv in a real sandbox, with the scope the shipped rules give them (exec.write-scope grants
 * the file, exec.remove-scope its directory): the file must not be a mount point of its own, or the
 * kernel refuses to unlink or rename it.
 */
class ExecRemovalTest {

    @RegisterExtension
    final SandboxRun sandbox = new SandboxRun();

    @TempDir
    Path dir;

    private ActionOutcome run(Scope scope, String... argv) {
        return sandbox.run(scope, argv);
    }

    @Test
    void aFileGrantedWithItsDirectoryCanBeRenamed() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path from = Files.writeString(work.resolve("a"), "kept\n");
        Path to = work.resolve("b");
        Scope scope = Scope.writing(to.toString()).union(Scope.writing(from.toString())).union(Scope.writing(work.toString()));

        ActionOutcome outcome = run(scope, "mv", from.toString(), to.toString());

        assertEquals(List.of(true, false, "kept\n"), List.of(outcome.ok(), Files.exists(from), Files.readString(to)),
                outcome.stderr().text());
    }

    @Test
    void aFileGrantedWithItsDirectoryCanBeRemoved() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Path gone = Files.writeString(work.resolve("old.log"), "x\n");
        Path kept = Files.writeString(dir.resolve("other.log"), "y\n");

        ActionOutcome outcome = run(Scope.writing(gone.toString()).union(Scope.writing(work.toString())), "rm", gone.toString(),
                kept.toString());

        assertEquals(List.of(false, false, true), List.of(outcome.ok(), Files.exists(gone), Files.exists(kept)),
                outcome.stderr().text());
    }
}
