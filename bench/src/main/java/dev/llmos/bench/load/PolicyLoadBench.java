package dev.llmos.bench.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmos.bench.Fixtures;
import org.openjdk.jmh.util.ListStatistics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * policy load, process-level: every sample is a fresh jvm ({@link LoadOnce}), rounds interleave a
 * cold build (empty cache directory) with a load from the disk cache, and that jvm's second load is
 * the in-memory hit. each is measured in wall time and in cpu time (all threads), which other
 * builds on the machine disturb far less. results are written in jmh's json shape so {@code Ratios}
 * reads them too.
 */
public final class PolicyLoadBench {

    private static final String PREFIX = PolicyLoadBench.class.getName() + ".";

    /**
     * each disk* and memory* result is read against the cold* one with the same suffix. no cpu time
     * for the memory hit: the jvm's process cpu clock ticks in 10 ms steps here, about the whole hit.
     */
    private static final List<String> KINDS = List.of("cold", "disk", "memory", "coldCpu", "diskCpu",
            "coldProcess", "diskProcess", "coldProcessCpu", "diskProcessCpu");

    private PolicyLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = 10;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("usage: PolicyLoadBench [--rounds N] [--out FILE.json]");
            }
        }
        Path tmp = Files.createTempDirectory("llmos-bench-load-");
        try {
            Map<String, List<Double>> samples = run(rounds, tmp);
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode all = mapper.createArrayNode();
            for (String k : KINDS) {
                String baseline = k.startsWith("cold") ? null : "cold" + k.substring(k.startsWith("disk") ? 4 : 6);
                all.add(result(k, baseline, samples.get(k)));
            }
            String json = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all);
            if (out != null) {
                Files.writeString(out, json, StandardCharsets.UTF_8);
            } else {
                System.out.println(json);
            }
        } finally {
            Fixtures.deleteTree(tmp);
        }
    }

    private static Map<String, List<Double>> run(int rounds, Path tmp) throws IOException, InterruptedException {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        for (String k : KINDS) {
            samples.put(k, new ArrayList<>());
        }
        // one throwaway child fills the disk cache and the os page cache with the jars
        Path warm = tmp.resolve("warm");
        child(warm);
        FileTime written = cacheFileTime(warm);
        for (int round = 0; round < rounds; round++) {
            // alternate which goes first, so a burst of load elsewhere does not always hit the same side
            boolean coldFirst = round % 2 == 0;
            for (int step = 0; step < 2; step++) {
                if ((step == 0) == coldFirst) {
                    Sample s = child(tmp.resolve("cold-" + round));
                    samples.get("cold").add(s.firstMs);
                    samples.get("coldCpu").add(s.firstCpuMs);
                    samples.get("coldProcess").add(s.wallMs);
                    samples.get("coldProcessCpu").add(s.processCpuMs);
                } else {
                    Sample s = child(warm);
                    if (!cacheFileTime(warm).equals(written)) {
                        throw new IllegalStateException("the disk cache was rewritten, so a 'disk' sample compiled");
                    }
                    samples.get("disk").add(s.firstMs);
                    samples.get("diskCpu").add(s.firstCpuMs);
                    samples.get("memory").add(s.secondMs);
                    samples.get("diskProcess").add(s.wallMs);
                    samples.get("diskProcessCpu").add(s.processCpuMs);
                }
            }
            System.err.printf("round %d/%d done%n", round + 1, rounds);
        }
        return samples;
    }

    private record Sample(double firstMs, double secondMs, double firstCpuMs, double processCpuMs, double wallMs) {
    }

    /** a fresh jvm with the flags llmsh gives its own, and this jvm's class path and policy directory. */
    private static Sample child(Path cacheDir) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = List.of(java, "--enable-native-access=ALL-UNNAMED",
                "-D" + Fixtures.POLICY_PROPERTY + "=" + Fixtures.policyDir(),
                "-cp", System.getProperty("java.class.path"), LoadOnce.class.getName(), cacheDir.toString());
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int code = p.waitFor();
        double wallMs = (System.nanoTime() - start) / 1e6;
        if (code != 0) {
            throw new IllegalStateException("child exited " + code + ": " + out);
        }
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : out.split("\\s+")) {
            String[] f = part.split("=", 2);
            kv.put(f[0], f.length > 1 ? f[1] : "");
        }
        return new Sample(ms(kv, "first_ns"), ms(kv, "second_ns"), ms(kv, "first_cpu_ns"), ms(kv, "process_cpu_ns"),
                wallMs);
    }

    private static double ms(Map<String, String> kv, String key) {
        String v = kv.get(key);
        if (v == null) {
            throw new IllegalStateException("the child did not report " + key);
        }
        return Long.parseLong(v) / 1e6;
    }

    private static FileTime cacheFileTime(Path dir) throws IOException {
        try (var list = Files.list(dir)) {
            Path file = list.filter(f -> f.getFileName().toString().endsWith(".kbase")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no compiled policy was cached in " + dir));
            return Files.getLastModifiedTime(file);
        }
    }

    /** one entry in jmh's json shape: each sample is a fork of one single-shot iteration. */
    private static ObjectNode result(String name, String baseline, List<Double> values) {
        ObjectMapper mapper = new ObjectMapper();
        ListStatistics stats = new ListStatistics();
        values.forEach(stats::addValue);
        ObjectNode r = mapper.createObjectNode();
        r.put("benchmark", PREFIX + name);
        r.put("mode", "ss");
        r.put("forks", values.size());
        if (baseline != null) {
            r.put("baseline", PREFIX + baseline);
        }
        ObjectNode metric = r.putObject("primaryMetric");
        metric.put("score", stats.getMean());
        metric.put("scoreError", values.size() > 1 ? stats.getMeanErrorAt(0.999) : Double.NaN);
        ObjectNode pct = metric.putObject("scorePercentiles");
        pct.put("0.0", stats.getMin());
        pct.put("50.0", stats.getPercentile(50));
        pct.put("100.0", stats.getMax());
        metric.put("scoreUnit", "ms/op");
        ArrayNode raw = metric.putArray("rawData");
        values.forEach(v -> raw.addArray().add(v));
        return r;
    }
}
