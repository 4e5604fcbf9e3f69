package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** a host without bubblewrap, played by naming a bwrap that is not there (the probe really runs and fails). */
class ExecUnconfinableHostTest {

    private final ExecHandler handler = new ExecHandler(Posix::effectiveUid,
            new Sandbox(Path.of("/nonexistent-llmos/bwrap"), Posix.effectiveUid() == 0));

    @TempDir
    Path state;

    private ActionOutcome run(Scope scope, String... argv) {
        return handler.execute(new ExecParams(List.of(argv), "/", 10, null, null),
                new ExecContext(state, TestContexts.DIGEST, "a1", TestContexts.SELF, Limits.DEFAULT, null, scope));
    }

    @Test
    void refusesToRunUnconfinedUnlessTheDecisionAllowsItAndRunsNothing(@TempDir Path dir) {
        Path marker = dir.resolve("marker");
        ActionOutcome outcome = run(Scope.NONE, "touch", marker.toString());
        assertEquals(List.of(ActionOutcome.failure("cannot confine touch: bubblewrap (/nonexistent-llmos/bwrap) is not installed;"
                        + " not run, since the decision does not allow running unconfined on such a host (a rule grants that"
                        + " with policy.allowUnconfined)"), false),
                List.of(outcome, Files.exists(marker)));
    }

    @Test
    void runsUnconfinedWhenTheDecisionAllowsItAndSaysSo(@TempDir Path dir) {
        Path marker = dir.resolve("marker");
        ActionOutcome outcome = run(Scope.allowUnconfined(), "touch", marker.toString());
        assertEquals(List.of(true, false, true), List.of(outcome.ok(), outcome.data().path("confined").asBoolean(true),
                Files.exists(marker)));
    }

    @Test
    void aDryRunSaysTheHostCannotConfine() {
        assertEquals("would run: /bin/true in / (timeout 10 s); refused: this host cannot confine (bubblewrap"
                        + " (/nonexistent-llmos/bwrap) is not installed) and the decision does not allow running unconfined",
                handler.preview(new ExecParams(List.of("/bin/true"), "/", 10, null, null), TestContexts.exec(state)).summary());
    }
}
