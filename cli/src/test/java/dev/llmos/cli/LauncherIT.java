package dev.llmos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** the real launchers as child processes, after the package phase built the jar and lib/. */
class LauncherIT {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run launch(String launcher, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(Cli.ROOT.resolve("bin").resolve(launcher).toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(Cli.ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(tmp.resolve("out").toFile())
                .redirectError(tmp.resolve("err").toFile());
        pb.environment().put("LLMOS_STATE_DIR", tmp.resolve("state").toString());
        pb.environment().put("LLMOS_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().remove("LLMOS_POLICY_DIR");
        pb.environment().remove("LLMOS_CONFIG");
        Process p = pb.start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError(launcher + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(tmp.resolve("out"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err"), StandardCharsets.UTF_8));
    }

    @Test
    void llmshRunsAnAllowedExamplePlanAsJson() throws Exception {
        Run r = launch("llmsh", "run", "--json", "examples/" + Examples.ALLOWED);
        assertEquals(0, r.code(), r.err());
        JsonNode json = Json.mapper().readTree(r.out());
        assertEquals("completed", json.path("status").asText());
    }

    @Test
    void llmshRunsNothingOfADeniedExamplePlan() throws Exception {
        Run r = launch("llmsh", "run", "examples/" + Examples.DENIED);
        assertEquals(1, r.code(), r.err());
        assertEquals("denied: policy denied " + Examples.DENIED_ACTION + ", so nothing ran", RunCommandTest.lastLine(r.out()));
    }

    @Test
    void llmshRunsAPlanThroughLlmOsdStartedByItsLauncher() throws Exception {
        Path socket = tmp.resolve("run/llm-osd.sock");
        ProcessBuilder pb = new ProcessBuilder(Cli.ROOT.resolve("bin/llm-osd").toString(), "--socket", socket.toString(),
                "--state", tmp.resolve("daemon").toString(), "--config", Files.writeString(tmp.resolve("c.json"), "{}").toString(),
                "serve")
                .directory(Cli.ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(tmp.resolve("daemon.log").toFile());
        pb.environment().put("LLMOS_CACHE_DIR", tmp.resolve("cache").toString());
        pb.environment().remove("LLMOS_POLICY_DIR");
        Process daemon = pb.start();
        try {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (!dev.llmos.daemon.SocketSetup.listening(socket) && daemon.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(daemon.isAlive(), Files.readString(tmp.resolve("daemon.log")));
            Run r = launch("llmsh", "--socket", socket.toString(), "run", "--json", "examples/" + Examples.ALLOWED);
            assertEquals(0, r.code(), r.err());
            assertEquals("completed", Json.mapper().readTree(r.out()).path("status").asText());
            assertTrue(Files.readString(tmp.resolve("daemon/audit.jsonl")).contains("\"type\":\"plan.ended\""),
                    "the daemon, not llmsh, ran and audited the plan");
        } finally {
            daemon.destroy();
            daemon.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
