package dev.llmos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.registry.ActionRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** validating a 7-action plan (schema, ids, params records) against only reading its json. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PlanValidationBench {

    private PlanParser parser;
    private String text;

    @Setup
    public void setup() {
        parser = new PlanParser(ActionRegistry.discover());
        text = Fixtures.plan("plan-7.json");
        if (parser.parse(text).actions().size() != 7) {
            throw new IllegalStateException("plan-7.json does not hold 7 actions");
        }
    }

    /** the baseline: what reading the text costs, with the same mapper the parser uses. */
    @Benchmark
    public JsonNode readTree() throws IOException {
        return Json.mapper().readTree(text);
    }

    @Benchmark
    @RatioTo("readTree")
    public Plan parse() {
        return parser.parse(text);
    }
}
