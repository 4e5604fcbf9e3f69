package dev.llmos.actions.exec;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SystemCommandTest {

    @Test
    void aToolGetsExactlyTheEnvironmentItIsGivenAndNoStdin() {
        SystemCommand.Result r = SystemCommand.run(List.of("sh", "-c", "env | sort; cat"), Map.of("PATH", SystemCommand.SAFE_PATH,
                "DEBIAN_FRONTEND", "noninteractive"), 10, 4096);
        assertEquals(List.of(true, "DEBIAN_FRONTEND=noninteractive\nPATH=" + SystemCommand.SAFE_PATH + "\nPWD=/\n"),
                List.of(r.ok(), r.stdout().text().replaceAll("(?m)^(SHLVL|_)=.*\n", "")));
    }

    @Test
    void aTimeoutKillsTheWholeProcessGroup() {
        long start = System.nanoTime();
        SystemCommand.Result r = SystemCommand.run(List.of("sh", "-c", "sleep 60 & sleep 60"), SystemCommand.baseEnvironment(), 1, 4096);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertEquals(List.of(false, true), List.of(r.ok(), r.timedOut()));
        assertTrue(seconds < 10, "took " + seconds + " s");
        assertTrue(r.failure().startsWith("sh -c timed out; its process group was killed"), r.failure());
    }

    @Test
    void aMissingToolIsAFailureNotAnException() {
        SystemCommand.Result r = SystemCommand.run(List.of("no-such-tool-llmos"), SystemCommand.baseEnvironment(), 5, 4096);
        assertEquals("cannot run no-such-tool-llmos: no-such-tool-llmos not found on " + SystemCommand.SAFE_PATH, r.failure());
    }
}
