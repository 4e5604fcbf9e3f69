package dev.llmos.cli.run;

import dev.llmos.engine.exec.Approver;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.plan.Plan;

/**
 * where a plan is decided and run: in this process (embedded, the caller's own privileges) or by
 * llm-osd (root, the caller identified by the socket). the command line is the same either way.
 */
public interface Backend extends AutoCloseable {

    /** validates; every error at once as a {@link dev.llmos.engine.schema.PlanValidationException}. */
    Plan parse(String text);

    /** a planonly plan: shown and audited, nothing executes. */
    RunOutcome planOnly(Plan plan);

    DecidedPlan decide(Plan plan);

    /** the plan's digest as shown in the table. */
    default String planDigest(Plan plan) {
        return plan.digest();
    }

    /** runs the decisions a person was shown; a dry run previews instead. */
    RunOutcome run(DecidedPlan decided, Approver approver, boolean dryRun);

    /** stops a run in progress (from another thread): its step is stopped and its recovery runs. */
    void cancel();

    /** one line for the header: where this runs. */
    String where();

    @Override
    void close();
}
