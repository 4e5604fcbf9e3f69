package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.llmos.cli.Plans.exec;
import static dev.llmos.cli.Plans.plan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the attacks of decision 0032 made for real through {@code llmsh run} with the shipped policy and
 * the real sandbox: what the decision lets through, the kernel holds; what it refuses never runs.
 */
class HostilePlanRunTest {

    @TempDir
    Path tmp;

    private JsonNode run(String plan, String... flags) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("run", "--json"));
        args.addAll(List.of(flags));
        args.add(Plans.file(tmp, plan));
        Cli.Result r = Cli.shipped(tmp).run(args.toArray(String[]::new));
        return Json.mapper().readTree(r.out());
    }

    @Test
    void aRecursiveGrepOfAnAppDirectoryNeverPrintsItsDotenv() throws IOException {
        Path app = Files.createDirectories(tmp.resolve("srv/app"));
        Files.writeString(app.resolve(".env"), "DB_PASSWORD=hunter2\n");
        Files.writeString(app.resolve("settings.py"), "PASSWORD = env('DB_PASSWORD')\n");

        JsonNode json = run(plan(exec("a1", "grep", "-r", "PASSWORD", app.toString())), "--yes");

        JsonNode action = json.path("actions").get(0);
        String stdout = action.path("result").path("stdout").path("text").asText();
        assertEquals("allow", action.path("decision").path("verdict").asText(), json.toString());
        assertTrue(stdout.contains("settings.py:PASSWORD"), stdout);
        assertFalse(stdout.contains("hunter2"), stdout);
    }

    @Test
    void envSettingTheLoaderIsDeniedAndNothingRuns() throws IOException {
        Path marker = tmp.resolve("marker");

        JsonNode json = run(plan(exec("a1", "env", "LD_PRELOAD=" + tmp.resolve("x.so"), "touch", marker.toString())), "--yes");

        assertEquals(List.of("denied", "exec.env-hooks", false), List.of(json.path("status").asText(),
                json.path("actions").get(0).path("decision").path("rule").asText(), Files.exists(marker)));
    }

    @Test
    void oneLinerCodeThatStartsAProgramIsNotRunUnasked() throws IOException {
        Path marker = tmp.resolve("marker");

        JsonNode json = run(plan(exec("a1", "python3", "-c", "import os; os.system('touch " + marker + "')")));

        assertEquals(List.of("confirm", "exec.code-acts", false), List.of(
                json.path("actions").get(0).path("decision").path("verdict").asText(),
                json.path("actions").get(0).path("decision").path("rule").asText(), Files.exists(marker)), json.toString());
    }
}
