package dev.llmos.actions.process;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Change;
import dev.llmos.engine.spi.Limits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** real signals and nice values, on sleep processes the test starts under a name of their own. */
class ProcessControlHandlerTest {

    private final ProcessControlHandler handler = new ProcessControlHandler();

    @TempDir
    java.nio.file.Path tmp;
    private Sleepers sleepers;

    @BeforeEach
    void sleepers() throws Exception {
        sleepers = new Sleepers(tmp);
    }

    @AfterEach
    void cleanUp() {
        sleepers.close();
    }

    private ActionOutcome run(ProcessControlParams params) {
        return handler.execute(params, TestContexts.exec(tmp));
    }

    @Test
    void termByPidEndsTheProcess() throws Exception {
        Process p = sleepers.start();
        ActionOutcome outcome = run(new ProcessControlParams((int) p.pid(), null, "TERM", null));
        assertEquals(List.of(true, true, 143), List.of(outcome.ok(), Sleepers.exits(p), p.exitValue()));
    }

    @Test
    void killByNameEndsEveryProcessOfThatNameAndReportsEach() throws Exception {
        Process a = sleepers.start();
        Process b = sleepers.start();
        waitForComm(a);
        waitForComm(b);
        ActionOutcome outcome = run(new ProcessControlParams(null, sleepers.name, "KILL", null));
        List<Change> expected = List.of(a, b).stream().sorted((x, y) -> Long.compare(x.pid(), y.pid()))
                .map(p -> new Change("signalled", "pid " + p.pid() + " (" + sleepers.name + ", uid 0)", null, null, null))
                .toList();
        assertEquals(List.of(true, expected, true, true),
                List.of(outcome.ok(), outcome.changes(), Sleepers.exits(a), Sleepers.exits(b)));
    }

    @Test
    void reniceSetsTheNiceValueThatGetpriorityReadsBack() throws Exception {
        Process p = sleepers.start();
        ActionOutcome outcome = run(new ProcessControlParams((int) p.pid(), null, null, 7));
        assertEquals(List.of(true, 7), List.of(outcome.ok(), ProcessCalls.nice((int) p.pid())));
    }

    @Test
    void undoOfARenicePutsThePreviousNiceValueBack() throws Exception {
        Process p = sleepers.start();
        int before = ProcessCalls.nice((int) p.pid());
        ProcessControlParams params = new ProcessControlParams((int) p.pid(), null, null, 12);
        JsonNode undo = run(params).undo();
        ActionOutcome undone = handler.undo(params, undo, TestContexts.exec(tmp));
        assertEquals(List.of(true, before), List.of(undone.ok(), ProcessCalls.nice((int) p.pid())));
    }

    @Test
    void refusesInitWhateverThePolicySays() {
        assertEquals("refused: pid 1 (" + comm(1) + ") is init; signalling or renicing it can bring the system down",
                run(new ProcessControlParams(1, null, "CONT", null)).error());
    }

    @Test
    void refusesItsOwnProcess() {
        int self = (int) ProcessHandle.current().pid();
        assertEquals("refused: pid " + self + " is llm-os itself", run(new ProcessControlParams(self, null, null, 0)).error());
    }

    @Test
    void actsWithTheRequestersRightsSoAnotherUsersProcessIsRefused() throws Exception {
        Process p = sleepers.start();
        Requester nobody = new Requester(65534, 65534, "nobody", List.of());
        ActionOutcome outcome = handler.execute(new ProcessControlParams((int) p.pid(), null, "TERM", null),
                TestContexts.exec(tmp, Limits.DEFAULT, nobody));
        assertEquals(List.of("refused: pid " + p.pid() + " belongs to uid 0, not to the requester (uid 65534)", true),
                List.of(outcome.error(), p.isAlive()));
    }

    @Test
    void aNameNoProcessHasIsReportedAndNothingIsSignalled() {
        assertEquals("no running process named " + sleepers.name,
                run(new ProcessControlParams(null, sleepers.name, "TERM", null)).error());
    }

    @Test
    void needsExactlyOneTargetAndOneOperation() {
        assertEquals(List.of("process_control needs exactly one of pid and name",
                        "process_control needs exactly one of signal and nice"),
                List.of(run(new ProcessControlParams(5, "x", "TERM", null)).error(),
                        run(new ProcessControlParams(5, null, "TERM", 3)).error()));
    }

    private static String comm(int pid) {
        return ProcTable.system().byPid(pid).orElseThrow().comm();
    }

    /** a just-started child shows the jvm's name until it has exec'd the sleep copy. */
    private void waitForComm(Process p) throws InterruptedException {
        for (int i = 0; i < 500 && !ProcTable.system().byPid((int) p.pid()).map(ProcTable.Proc::comm).orElse("").equals(sleepers.name); i++) {
            Thread.sleep(10);
        }
    }
}
