package dev.llmos.llm;

import dev.llmos.engine.plan.Plan;

/** what the model said after seeing results: act again, answer, or answer because it has to. */
public sealed interface Turn {

    Plan plan();

    /** an actionplan: decide, confirm and run it, then call {@link Planner#next} with its outcome. */
    record Act(Plan plan) implements Turn {
    }

    /** a planonly plan: the final answer (goal) with its findings (steps), or one question; nothing runs. */
    record Answer(Plan plan) implements Turn {
    }

    /** the step limit was reached; the model was asked for a final planonly summary instead of more actions. */
    record LimitReached(Plan plan, int limit) implements Turn {
    }
}
