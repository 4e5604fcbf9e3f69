package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.Scope;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Output;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ExecPrivilegeTest {

    private static final Requester NOBODY = HostProbe.system().identify(65534, 65534);

    @TempDir
    Path state;

    @Test
    void refusesAsRootWhenTheExecutorIsNotRootAndRunsNothing(@TempDir Path dir) {
        Path marker = dir.resolve("marker");
        ExecHandler unprivileged = new ExecHandler(() -> 1000);
        ActionOutcome outcome = unprivileged.execute(new ExecParams(List.of("/usr/bin/touch", marker.toString()), null,
                null, true, null), TestContexts.exec(state));
        assertEquals(List.of(ActionOutcome.failure("as_root requested but llm-os runs as uid 1000"), false),
                List.of(outcome, Files.exists(marker)));
    }

    @Test
    void runsAsTheRequesterWhenRootActsForSomebodyElse() {
        assumeTrue(Posix.effectiveUid() == 0, "needs root to switch users");
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        ActionOutcome outcome = new ExecHandler().execute(new ExecParams(List.of("/usr/bin/id", "-u"), "/", null, null,
                null), TestContexts.exec(state, Limits.DEFAULT, NOBODY));
        assertEquals(new Output("65534\n", 6, false), outcome.stdout());
    }

    @Test
    void runsAsRootForSomebodyElseWhenAsRootIsSetAndTheDecisionGrantsRoot() {
        assumeTrue(Posix.effectiveUid() == 0, "needs root");
        ActionOutcome outcome = new ExecHandler().execute(new ExecParams(List.of("/usr/bin/id", "-u"), "/", null, true,
                null), new ExecContext(state, TestContexts.DIGEST, "a1", NOBODY, Limits.DEFAULT, null, Scope.asRoot()));
        assertEquals(new Output("0\n", 2, false), outcome.stdout());
    }

    /** as_root is the plan's wish; only a rule's grant makes it so for someone who is not root. */
    @Test
    void runsAsTheRequesterWhenAsRootIsSetButTheDecisionDoesNotGrantRoot() {
        assumeTrue(Posix.effectiveUid() == 0, "needs root to switch users");
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        ActionOutcome outcome = new ExecHandler().execute(new ExecParams(List.of("/usr/bin/id", "-u"), "/", null, true,
                null), TestContexts.exec(state, Limits.DEFAULT, NOBODY));
        assertEquals(List.of(new Output("65534\n", 6, false), 65534, true),
                List.of(outcome.stdout(), outcome.data().path("uid").asInt(), outcome.data().path("root_not_granted").asBoolean()));
    }

    @Test
    void givesAChildRunningAsTheRequesterTheirOwnUserAndHome() throws Exception {
        assumeTrue(Posix.effectiveUid() == 0, "needs root to switch users");
        assumeTrue(NOBODY.user().equals("nobody"), "needs a nobody user with uid 65534");
        ActionOutcome outcome = new ExecHandler().execute(new ExecParams(List.of("/bin/sh", "-c",
                "echo $USER $LOGNAME $HOME"), "/", null, null, null), TestContexts.exec(state, Limits.DEFAULT, NOBODY));
        String home = Files.readAllLines(Path.of("/etc/passwd")).stream().map(l -> l.split(":"))
                .filter(f -> f[0].equals("nobody")).map(f -> f[5]).findFirst().orElseThrow();
        assertEquals("nobody nobody " + home + "\n", outcome.stdout().text());
    }
}
