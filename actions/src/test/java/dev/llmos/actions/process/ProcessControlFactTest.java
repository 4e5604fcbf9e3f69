package dev.llmos.actions.process;

import dev.llmos.actions.TestContexts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProcessControlFactTest {

    private final ProcessControlHandler handler = new ProcessControlHandler();

    @TempDir
    Path tmp;

    @Test
    void describesTheProcessesOfANameWithTheirOwners() throws Exception {
        try (Sleepers sleepers = new Sleepers(tmp)) {
            Process p = sleepers.start();
            for (int i = 0; i < 500 && handler.fact(TestContexts.header("process_control"),
                    new ProcessControlParams(null, sleepers.name, null, 5), TestContexts.facts()) instanceof ProcessControl f
                    && f.count() == 0; i++) {
                Thread.sleep(10);
            }
            assertEquals(new ProcessControl("a1", 0, "process_control", "because", "low", "renice", null, 5, true,
                            sleepers.name, List.of((int) p.pid()), List.of(0), 1, true, true, false, false, true),
                    handler.fact(TestContexts.header("process_control"), new ProcessControlParams(null, sleepers.name, null, 5),
                            TestContexts.facts()));
        }
    }

    @Test
    void marksInitAsASystemProcessByPid() {
        ProcessControl f = (ProcessControl) handler.fact(TestContexts.header("process_control"),
                new ProcessControlParams(1, null, "TERM", null), TestContexts.facts());
        assertEquals(List.of(List.of(1), true, true, false), List.of(f.pids(), f.systemProcess(), f.includesInit(), f.byName()));
    }
}
