package dev.llmos.bench;

import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.PolicyCache;
import org.drools.core.impl.RuleBaseFactory;
import org.kie.internal.conf.ConstraintJittingThresholdOption;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * what the drools-mvel 10.2.0 jit workaround (kie-drools #6711) would cost: the shipped policy on a
 * 7-action plan with constraint jitting as shipped, and with it switched off for the whole jvm.
 * the policy loader only switches it off for policies using {@code str[...]}; the shipped one does not.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class PolicyJitBench {

    static final String THRESHOLD = "drools.jittingThreshold";

    private Path tmp;
    private DroolsPolicy policy;
    private PolicyRequest request;

    @Setup
    public void setup() throws IOException {
        checkThreshold();
        tmp = Files.createTempDirectory("llmos-bench-");
        policy = DroolsPolicy.load(Fixtures.policyDir(), PolicyCache.inMemory());
        var pipeline = Fixtures.pipeline(policy, tmp);
        Requester requester = HostProbe.system().currentProcess();
        Plan plan = pipeline.parser().parse(Fixtures.plan("plan-7.json"));
        DecidedPlan decided = pipeline.decide(plan, requester);
        request = new PolicyRequest(plan, decided.facts(), requester, decided.host());
    }

    /** the property only matters if the kie base configuration reads it; make sure, or the ratio lies. */
    private static void checkThreshold() {
        int threshold = RuleBaseFactory.newKnowledgeBaseConfiguration(null, PolicyJitBench.class.getClassLoader())
                .getOption(ConstraintJittingThresholdOption.KEY).getThreshold();
        boolean off = "-1".equals(System.getProperty(THRESHOLD));
        if (off != (threshold < 0)) {
            throw new IllegalStateException(THRESHOLD + "=" + System.getProperty(THRESHOLD)
                    + " but the kie base configuration says " + threshold);
        }
    }

    @TearDown
    public void tearDown() {
        Fixtures.deleteTree(tmp);
    }

    /** the baseline: default jitting (constraints compiled to bytecode after 20 evaluations). */
    @Benchmark
    public List<RuleOutput> jitted() {
        return policy.evaluate(request);
    }

    @Benchmark
    @RatioTo("jitted")
    @Fork(jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "-D" + THRESHOLD + "=-1"})
    public List<RuleOutput> notJitted() {
        return policy.evaluate(request);
    }
}
