package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * one working directory: an exec without a cwd runs in / and is decided as running in /, whatever
 * the directory of the process that decides and runs it (the daemon's, or the user's shell).
 */
class ExecCwdTest {

    private final ExecHandler handler = new ExecHandler();

    @TempDir
    Path state;

    @Test
    void runsInTheRootDirectoryWhenThePlanGivesNoCwd() {
        String out = handler.execute(new ExecParams(List.of("/bin/pwd"), null, null, null, null), TestContexts.exec(state))
                .stdout().text();
        assertEquals("/\n", out);
    }

    @Test
    void decidesRelativeArgumentsAgainstTheRootDirectoryToo() {
        Exec fact = (Exec) handler.fact(TestContexts.header("exec"),
                new ExecParams(List.of("cp", "etc/hostname", "tmp/copy"), null, null, null, null), TestContexts.facts());
        assertEquals(List.of("/", "/etc/hostname", "/tmp/copy"),
                List.of(fact.cwd(), fact.pathArgs().get(0), fact.pathArgs().get(1)));
    }
}
