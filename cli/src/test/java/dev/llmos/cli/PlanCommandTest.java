package dev.llmos.cli;

import dev.llmos.llm.FakeOpenAi;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static dev.llmos.cli.ModelAnswers.answer;
import static dev.llmos.cli.Plans.plan;
import static dev.llmos.cli.Plans.write;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code llmsh plan} answers in prose and never executes anything, whatever the model says. */
class PlanCommandTest {

    @TempDir
    Path tmp;

    @AutoClose
    private final FakeOpenAi model = FakeOpenAi.started();

    private Cli cli() {
        return Cli.shipped(tmp).model(model);
    }

    @Test
    void thePlanIsPrintedAndTheRequestAllowsOnlyPlanonly() {
        model.answer(answer("free space on /var", "measure /var/log with du", "rotate the largest logs"));
        Cli.Result r = cli().run("plan", "how would you free space on /var?");

        assertEquals(0, r.code(), r.err());
        assertEquals("""
                plan (planonly, nothing executes): free space on /var
                  1. measure /var/log with du
                  2. rotate the largest logs
                """, r.out());
        assertEquals(Json.mapper().createArrayNode().add("planonly"), ModelAnswers.modes(model.request(0)));
    }

    @Test
    void anActionplanFromTheModelIsSentBackAndNeverRuns() {
        Path file = tmp.resolve("must-not-exist.txt");
        model.answer(plan(write("a1", file, "x")), answer("write the file with write_file"));
        Cli.Result r = cli().run("plan", "write the file");

        assertEquals(0, r.code(), r.err());
        assertFalse(Files.exists(file));
        assertEquals("""
                your answer is not a valid plan (1 error):
                - /mode: must be planonly for this request
                answer again with the whole corrected plan as one json object.""", model.request(1).lastMessage());
    }

    @Test
    void aModelThatInsistsOnActionsGetsNothingRunAndAClearFailure() {
        Path file = tmp.resolve("must-not-exist.txt");
        String actions = plan(write("a1", file, "x"));
        model.answer(actions, actions, actions);
        Cli.Result r = cli().run("plan", "write the file");

        assertEquals(1, r.code());
        assertFalse(Files.exists(file));
        assertEquals("", r.out());
        assertEquals("""
                the model's first answer was invalid (1 error); asked again
                the model's second answer was invalid (1 error); asked again
                llmsh: the model gave no valid plan in 3 answers; the last one had 1 error:
                  /mode: must be planonly for this request
                """, r.err());
    }
}
