package dev.llmos.cli.run;

import dev.llmos.engine.exec.ActionReport;
import dev.llmos.engine.exec.ActionResult;
import dev.llmos.engine.exec.ActionStatus;
import dev.llmos.engine.exec.DecidedPlan;
import dev.llmos.engine.exec.RunOutcome;
import dev.llmos.engine.exec.RunStatus;
import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.policy.Decision;
import dev.llmos.engine.policy.Verdict;

import java.util.List;

/**
 * the outcome of a plan with a deny, built from the decisions the person was shown. the pipeline's
 * own {@code run} would decide again, and a second decision is not the one on screen.
 */
final class Denial {

    private Denial() {
    }

    static RunOutcome outcome(DecidedPlan decided) {
        Plan plan = decided.plan();
        List<ActionReport> reports = plan.actions().stream().map(a -> {
            Decision d = decided.decision(a.id());
            ActionResult r = d.verdict() == Verdict.DENY
                    ? ActionResult.of(ActionStatus.DENIED, "denied by " + d.rule() + ": " + d.reason())
                    : ActionResult.of(ActionStatus.SKIPPED, "not run: the plan has denied actions");
            return new ActionReport(a.id(), a.type(), a.header().reason(), a.header().danger(), d, r);
        }).toList();
        String first = reports.stream().filter(r -> r.result().status() == ActionStatus.DENIED)
                .findFirst().map(ActionReport::id).orElse(null);
        return new RunOutcome(RunStatus.DENIED, plan.goal(), plan.mode().wire(), plan.digest(), decided.policyDigest(),
                decided.requester().user(), plan.steps(), reports, first, List.of());
    }
}
