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
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * the shipped suites against the policy as a warm start loads it (decision 0028): a second jvm reads
 * the compiled rules (then-blocks compiled when they first fire) and the parsed catalogue from the
 * disk cache the first one filled, and every case passes. in-process runs never see this: the
 * jvm-wide memory cache answers them.
 */
class ShippedPolicyFromDiskTest {

    @Test
    void everyShippedCasePassesAgainstThePolicyLoadedFromTheDiskCache(@TempDir Path tmp) throws Exception {
        Path cache = tmp.resolve("cache");
        // policy check compiles the policy and fills the cache, as the first run after an edit does
        run(tmp, "--cache", cache.toString(), "policy", "check", Cli.SHIPPED_POLICY.toString());
        Map<String, FileTime> filled = entries(cache.resolve("policy"));
        assertEquals(List.of(".catalog", ".kbase"), filled.keySet().stream().map(n -> n.substring(n.lastIndexOf('.'))).sorted().toList());

        JsonNode report = Json.mapper().readTree(run(tmp, "--cache", cache.toString(), "policy", "test",
                Cli.SHIPPED_POLICY.resolve("tests").toString(), "--format", "json"));
        // neither entry was written again: this jvm used both
        assertEquals(filled, entries(cache.resolve("policy")));
        List<String> failed = new ArrayList<>();
        report.path("cases").forEach(c -> {
            if (!c.path("status").asText().equals("pass")) {
                failed.add(c.path("file").asText() + ":" + c.path("name").asText() + " " + c.path("actions") + c.path("error"));
            }
        });
        assertEquals(List.of(), failed);
        assertTrue(report.at("/summary/total").asInt() >= 60, report.at("/summary").toString());
    }

    /** llmsh in a jvm of its own; its stdout, once it exits 0. */
    private static String run(Path tmp, String... args) throws IOException, InterruptedException {
        List<String> command = DaemonProcess.java("dev.llmos.cli.Llmsh");
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "llmsh " + String.join(" ", args) + " did not finish");
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text.length() > 2000 ? text.substring(0, 2000) : text);
        return text;
    }

    private static Map<String, FileTime> entries(Path dir) throws IOException {
        Map<String, FileTime> out = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                out.put(f.getFileName().toString(), Files.getLastModifiedTime(f));
            }
        }
        return out;
    }
}
