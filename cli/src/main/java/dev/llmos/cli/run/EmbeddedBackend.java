package dev.llmos.cli.run;

import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.Cancellation;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;

/** the pipeline in this process, with the caller's own privileges. */
record EmbeddedBackend(Pipeline pipeline, Requester requester, Cancellation cancellation) implements Backend {

    EmbeddedBackend(Pipeline pipeline, Requester requester) {
        this(pipeline, requester, new Cancellation());
    }

    @Override
    public Plan parse(String text) {
        return pipeline.parse(text, requester);
    }

    @Override
    public RunOutcome planOnly(Plan plan) {
        return pipeline.run(plan, requester, Approver.NOBODY, false);
    }

    @Override
    public DecidedPlan decide(Plan plan) {
        return pipeline.decide(plan, requester);
    }

    @Override
    public RunOutcome run(DecidedPlan decided, Approver approver, boolean dryRun) {
        return pipeline.run(decided, approver, dryRun, cancellation);
    }

    @Override
    public void cancel() {
        cancellation.cancel();
    }

    @Override
    public String where() {
        return "embedded, as " + requester.user();
    }

    @Override
    public void close() {
        // nothing held
    }
}
