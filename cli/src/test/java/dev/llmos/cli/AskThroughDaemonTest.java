package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.llmos.cli.ModelAnswers.answer;
import static dev.llmos.cli.ModelAnswers.results;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code llmsh ask} with a real llm-osd: the model talks to llmsh only, llmsh hands each plan to the
 * daemon, asks the person about CONFIRM steps and sends the daemon's results back to the model.
 */
class AskThroughDaemonTest {

    @TempDir
    Path tmp;

    @Test
    void plansTheModelProposesRunThroughTheDaemonWithThePersonsApproval() throws Exception {
        Path note = tmp.resolve("note.txt");
        try (DaemonProcess daemon = DaemonProcess.start(tmp.resolve("d"), tmp.resolve("cache"));
             FakeOpenAi model = FakeOpenAi.start()) {
            model.answer(plan(write("a1", note, "from the daemon\n"), ConfirmStep.action("a2", tmp)), answer("both ran"));
            Cli.Result r = Cli.in(tmp.resolve("cli")).env("LLMOS_SOCKET", daemon.socket.toString())
                    .model(model).person("y\n").run("ask", "write the note and touch the marker");

            assertEquals(0, r.code(), r.out() + r.err());
            assertTrue(r.out().startsWith("(via llm-osd at " + daemon.socket + ")"), r.out());
            assertEquals("from the daemon\n", Files.readString(note));
            assertTrue(ConfirmStep.ran(tmp));
            assertEquals("completed", results(model.request(1)).path("status").asText());
            assertTrue(Files.readAllLines(daemon.state.resolve("audit.jsonl")).stream()
                    .anyMatch(l -> l.contains("\"type\":\"step.started\"") && l.contains("note.txt")));
            assertTrue(r.out().endsWith("answer: both ran\n"), r.out());
        }
    }
}
