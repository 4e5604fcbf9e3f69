package dev.llmos.actions.observe;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.actions.TestContexts;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ExecContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** observe on this machine's own /proc, and on a proc tree written here where exact numbers are checked. */
class ObserveHandlerTest {

    @TempDir
    Path tmp;

    private final ObserveHandler host = new ObserveHandler();

    private ExecContext context() {
        return TestContexts.exec(tmp.resolve("state"));
    }

    private JsonNode observe(ObserveHandler handler, ObserveParams params) {
        ActionOutcome o = TestContexts.wire(handler.execute(params, context()));
        assertTrue(o.ok(), o.error());
        return o.data();
    }

    private static ObserveParams what(String what) {
        return new ObserveParams(what, null, null, null, null, null);
    }

    @Test
    void loadAndMemoryAreNumbersThatMatchTheKernelsOwn() throws Exception {
        JsonNode load = observe(host, what("load"));
        JsonNode memory = observe(host, what("memory"));
        long memTotalKb = Long.parseLong(Files.readAllLines(Path.of("/proc/meminfo")).get(0).replaceAll("\\D", ""));
        assertEquals(List.of(true, true, Runtime.getRuntime().availableProcessors(), memTotalKb * 1024, true),
                List.of(load.get("load1").isDouble(), load.get("runnable").isIntegralNumber(), load.get("cpus").asInt(),
                        memory.get("total_bytes").asLong(),
                        memory.get("used_bytes").asLong() == memory.get("total_bytes").asLong() - memory.get("available_bytes").asLong()));
        assertEquals(memTotalKb * 1024, memory.at("/meminfo/mem_total_bytes").asLong());
    }

    @Test
    void pressureStallInformationPerResource() {
        assumeTrue(Files.isDirectory(Path.of("/proc/pressure")), "kernel without psi");
        JsonNode p = observe(host, what("pressure"));
        for (String resource : List.of("cpu", "memory", "io")) {
            assertTrue(p.at("/" + resource + "/some/avg10").isDouble() && p.at("/" + resource + "/some/total_us").isIntegralNumber(),
                    p.toString());
        }
    }

    @Test
    void diskUsageOfTheRootFilesystemAndOfEveryMount() {
        JsonNode one = observe(host, new ObserveParams("disk", null, null, null, null, "/"));
        JsonNode all = observe(host, what("disk"));
        JsonNode root = one.at("/filesystems/0");
        assertEquals(List.of(1, "/", true, true), List.of(one.get("filesystems").size(), root.get("mount").asText(),
                root.get("total_bytes").asLong() > 0, root.get("used_bytes").asLong() + root.get("available_bytes").asLong() > 0));
        List<String> mounts = new ArrayList<>();
        all.get("filesystems").forEach(f -> mounts.add(f.get("mount").asText()));
        assertTrue(mounts.contains("/") && !mounts.contains("/proc") && !mounts.contains("/sys"), mounts.toString());
    }

    @Test
    void aBusyProcessTopsTheCpuListAndEveryListIsOrdered() throws Exception {
        Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
        try {
            JsonNode top = observe(host, new ObserveParams("processes", null, "cpu", 100, 1000, null));
            JsonNode byRss = observe(host, new ObserveParams("processes", null, "rss", 5, null, null));
            JsonNode mine = null;
            double previous = Double.MAX_VALUE;
            for (JsonNode p : top.get("processes")) {
                assertTrue(p.get("cpu_percent").asDouble() <= previous, top.toString());
                previous = p.get("cpu_percent").asDouble();
                if (p.get("pid").asLong() == busy.pid()) {
                    mine = p;
                }
            }
            assertTrue(mine != null && mine.get("cpu_percent").asDouble() > 10 && mine.get("comm").asText().equals("sh"),
                    String.valueOf(mine));
            long rss = Long.MAX_VALUE;
            for (JsonNode p : byRss.get("processes")) {
                assertTrue(p.get("rss_bytes").asLong() <= rss, byRss.toString());
                rss = p.get("rss_bytes").asLong();
            }
            assertEquals(List.of(5, "rss", "root"), List.of(byRss.get("processes").size(), byRss.get("by").asText(),
                    byRss.at("/processes/0/user").asText()));
        } finally {
            busy.destroyForcibly();
            busy.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aProcesssSchedulingPolicyNiceAndCpuTime() throws Exception {
        Process niced = new ProcessBuilder("nice", "-n", "7", "sleep", "60").start();
        Process batch = new ProcessBuilder("chrt", "--batch", "0", "sleep", "60").start();
        try {
            Thread.sleep(300); // nice and chrt exec sleep in place
            JsonNode n = observe(host, new ObserveParams("process", (int) niced.pid(), null, null, null, null));
            JsonNode b = observe(host, new ObserveParams("process", (int) batch.pid(), null, null, null, null));
            // nice -n is relative to the nice value the tests run with (a niced ./test adds its own)
            int base = ownNice();
            assertEquals(List.of("sleep", "SCHED_OTHER", Math.min(19, base + 7), "SCHED_BATCH", 3, base, true),
                    List.of(n.get("comm").asText(), n.get("policy").asText(), n.get("nice").asInt(), b.get("policy").asText(),
                            b.get("policy_id").asInt(), b.get("nice").asInt(), n.get("cpu_time_sec").isNumber()));
            if (Files.exists(Path.of("/proc/" + niced.pid() + "/sched"))) {
                assertTrue(n.at("/sched/nr_switches").isIntegralNumber() && n.at("/sched/se_sum_exec_runtime").isDouble(), n.toString());
            }
        } finally {
            niced.destroyForcibly();
            batch.destroyForcibly();
        }
    }

    @Test
    void aProcessThatIsGoneIsAFailureNotAnError() {
        ActionOutcome o = host.execute(new ObserveParams("process", 4194303, null, null, null, null), context());
        assertEquals("no process 4194303", o.error());
    }

    @Test
    void exactNumbersFromAProcTreeWrittenHere() throws Exception {
        Path proc = Files.createDirectories(tmp.resolve("proc"));
        Files.createDirectories(proc.resolve("pressure"));
        Files.writeString(proc.resolve("pressure/cpu"), "some avg10=1.50 avg60=0.25 avg300=0.00 total=12345\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=0\n");
        Files.writeString(proc.resolve("meminfo"), "MemTotal:       16000 kB\nMemFree:         2000 kB\nMemAvailable:    6000 kB\n"
                + "SwapTotal:       1000 kB\nSwapFree:         250 kB\nHugePages_Total:       3\nActive(anon):     100 kB\n");
        Files.writeString(proc.resolve("loadavg"), "0.50 1.25 2.00 3/456 7890\n");
        Path pid = Files.createDirectories(proc.resolve("4242"));
        // a comm with spaces and parentheses: the name ends at the last ')'
        Files.writeString(pid.resolve("stat"), "4242 (we) ird (name) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 "
                + "39 19 4 0 12345 1000000 300 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 5 2 0 0 0\n");
        Files.writeString(pid.resolve("status"), "Name:\twe) ird (name\nvoluntary_ctxt_switches:\t12\nnonvoluntary_ctxt_switches:\t3\n");
        ObserveHandler fake = new ObserveHandler(new ProcReader(proc, tmp.resolve("passwd")));

        assertEquals(tree("""
                {"what":"pressure","cpu":{"some":{"avg10":1.5,"avg60":0.25,"avg300":0.0,"total_us":12345},
                                          "full":{"avg10":0.0,"avg60":0.0,"avg300":0.0,"total_us":0}}}"""),
                observe(fake, what("pressure")));
        assertEquals(tree("""
                {"what":"memory","total_bytes":16384000,"available_bytes":6144000,"used_bytes":10240000,"used_percent":62.5,
                 "swap_total_bytes":1024000,"swap_used_bytes":768000,
                 "meminfo":{"mem_total_bytes":16384000,"mem_free_bytes":2048000,"mem_available_bytes":6144000,
                            "swap_total_bytes":1024000,"swap_free_bytes":256000,"huge_pages_total":3,"active_anon_bytes":102400}}"""),
                observe(fake, what("memory")));
        JsonNode load = observe(fake, what("load"));
        assertEquals(List.of(0.5, 1.25, 2.0, 3L, 456L, 7890L), List.of(load.get("load1").asDouble(), load.get("load5").asDouble(),
                load.get("load15").asDouble(), load.get("runnable").asLong(), load.get("scheduling_entities").asLong(),
                load.get("last_pid").asLong()));
        JsonNode p = observe(fake, new ObserveParams("process", 4242, null, null, null, null));
        long hz = ProcReader.clockTicks();
        assertEquals(List.of("we) ird (name", "S", 1, "SCHED_RR", 2, 19, 39, 5, 4, 250.0 / hz, 50.0 / hz, 300.0 / hz,
                        300 * ProcReader.pageSize(), 12, 3, "/proc/4242/sched is missing (a kernel without CONFIG_SCHED_DEBUG)"),
                List.of(p.get("comm").asText(), p.get("state").asText(), p.get("ppid").asInt(), p.get("policy").asText(),
                        p.get("policy_id").asInt(), p.get("nice").asInt(), p.get("priority").asInt(), p.get("rt_priority").asInt(),
                        p.get("threads").asInt(), p.get("utime_sec").asDouble(), p.get("stime_sec").asDouble(),
                        p.get("cpu_time_sec").asDouble(), p.get("rss_bytes").asLong(), p.get("voluntary_ctxt_switches").asInt(),
                        p.get("nonvoluntary_ctxt_switches").asInt(), p.get("sched_note").asText()));
        ActionOutcome noPsi = new ObserveHandler(new ProcReader(tmp.resolve("empty"), tmp.resolve("passwd")))
                .execute(what("pressure"), context());
        assertEquals("no pressure stall information: " + tmp.resolve("empty/pressure")
                + " is missing (a kernel without CONFIG_PSI, or booted with psi=0)", noPsi.error());
    }

    @Test
    void mountPointsWithSpacesAreUnescaped() {
        assertEquals(List.of("/mnt/my disk", "/a\\b", "plain"),
                List.of(ProcReader.unescape("/mnt/my\\040disk"), ProcReader.unescape("/a\\134b"), ProcReader.unescape("plain")));
    }

    @Test
    void eachRefiningFieldBelongsToOneKind() {
        assertEquals(List.of("what=process needs a pid", "pid is for what=process only",
                        "by, limit and sample_ms are for what=processes only", "sample_ms measures cpu; it means nothing with by=rss",
                        "path is for what=disk only", "unknown observation cpu; one of pressure, load, memory, disk, processes, process"),
                List.of(ObserveHandler.invalid(what("process")), ObserveHandler.invalid(new ObserveParams("memory", 1, null, null, null, null)),
                        ObserveHandler.invalid(new ObserveParams("load", null, "cpu", null, null, null)),
                        ObserveHandler.invalid(new ObserveParams("processes", null, "rss", null, 200, null)),
                        ObserveHandler.invalid(new ObserveParams("memory", null, null, null, null, "/")),
                        ObserveHandler.invalid(what("cpu"))));
    }

    @Test
    void aDryRunSaysWhatWouldBeRead() {
        assertEquals(List.of("would read /proc/7/stat, status and sched (changes nothing)", "would fail: what=process needs a pid"),
                List.of(host.preview(new ObserveParams("process", 7, null, null, null, null), context()).summary(),
                        host.preview(what("process"), context()).summary()));
    }

    private static JsonNode tree(String json) throws Exception {
        return Json.mapper().readTree(json);
    }

    private static int ownNice() throws java.io.IOException {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(fields[16]);
    }
}
