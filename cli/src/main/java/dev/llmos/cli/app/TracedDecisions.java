package dev.llmos.cli.app;

import dev.llmos.engine.audit.AuditLog;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.host.HostFacts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.policy.PolicyRequest;
import dev.llmos.engine.policy.RuleOutput;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.Limits;
import dev.llmos.rules.DroolsPolicy;
import dev.llmos.rules.Evaluation;
import dev.llmos.rules.RuleInfo;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * decides plans with the real pipeline's decide step, so facts, protected paths and the combination
 * are exactly those of a run, and also keeps which rules fired (for explain and coverage). nothing
 * executes and nothing is audited. one instance serves one thread.
 */
public final class TracedDecisions {

    /** a decided plan and the traced evaluation behind it. */
    public record Traced(DecidedPlan decided, Evaluation evaluation) {
    }

    private record Key(HostFacts host, Path cwd) {
    }

    private final ActionRegistry registry;
    private final DroolsPolicy policy;
    private final Settings settings;
    private final PlanParser parser;
    private final Tracing tracing;
    private final Map<Key, Pipeline> pipelines = new HashMap<>();

    /** @param settings where state, audit log and cache live: they are protected paths, as at run time */
    public TracedDecisions(ActionRegistry registry, PolicyEngine policy, Settings settings) {
        if (!(policy instanceof DroolsPolicy drools)) {
            throw new IllegalStateException("tracing needs the drools policy, got " + policy.getClass().getName());
        }
        this.registry = registry;
        this.policy = drools;
        this.settings = settings;
        this.parser = new PlanParser(registry);
        this.tracing = new Tracing(drools);
    }

    public PlanParser parser() {
        return parser;
    }

    public ActionRegistry registry() {
        return registry;
    }

    public DroolsPolicy policy() {
        return policy;
    }

    /** every rule of the policy, in file and line order. */
    public List<RuleInfo> rules() {
        return policy.rules();
    }

    /** @param cwd what relative plan paths resolve against */
    public Traced decide(Plan plan, Requester requester, HostFacts host, Path cwd) {
        Pipeline pipeline = pipelines.computeIfAbsent(new Key(host, cwd), k -> new Pipeline(registry, tracing,
                new AuditLog(settings.auditLog()), host,
                new Pipeline.Config(settings.stateDir(), Limits.DEFAULT, settings.protectedRoots(), cwd)));
        tracing.last = null;
        DecidedPlan decided = pipeline.decide(plan, requester);
        Evaluation evaluation = tracing.last != null ? tracing.last : new Evaluation(List.of(), List.of());
        return new Traced(decided, evaluation);
    }

    /** the policy port, remembering the last traced evaluation. */
    private static final class Tracing implements PolicyEngine {
        private final DroolsPolicy policy;
        private Evaluation last;

        Tracing(DroolsPolicy policy) {
            this.policy = policy;
        }

        @Override
        public List<RuleOutput> evaluate(PolicyRequest request) {
            last = policy.trace(request);
            return last.outputs();
        }

        @Override
        public String digest() {
            return policy.digest();
        }
    }
}
