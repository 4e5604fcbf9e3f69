package dev.llmos.cli.run;

import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.Cancellation;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.schema.PlanValidationException;

/** the pipeline in this process, with the caller's own privileges. */
record EmbeddedBackend(EmbeddedStart start, Requester requester, Cancellation cancellation) implements Backend {

    EmbeddedBackend(EmbeddedStart start, Requester requester) {
        this(start, requester, new Cancellation());
    }

    /**
     * validated while the policy still loads. an invalid plan goes through the pipeline again, which
     * audits it: that waits for the policy, so a policy that does not load is still reported first.
     */
    @Override
    public Plan parse(String text) {
        try {
            return start.parser().parse(text);
        } catch (PlanValidationException e) {
            return start.pipeline().parse(text, requester);
        }
    }

    @Override
    public RunOutcome planOnly(Plan plan) {
        return start.pipeline().run(plan, requester, Approver.NOBODY, false);
    }

    @Override
    public DecidedPlan decide(Plan plan) {
        return start.pipeline().decide(plan, requester);
    }

    @Override
    public RunOutcome run(DecidedPlan decided, Approver approver, boolean dryRun) {
        return start.pipeline().run(decided, approver, dryRun, cancellation);
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
