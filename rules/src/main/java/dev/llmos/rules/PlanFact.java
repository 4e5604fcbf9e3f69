package dev.llmos.rules;

import dev.llmos.engine.plan.Plan;
import dev.llmos.engine.plan.PlannedAction;

import java.util.List;

/**
 * what rules see of the plan as a whole, inserted before every action fact.
 *
 * @param mode the wire name: planonly or actionplan
 * @param types each action's type, in plan order
 */
public record PlanFact(String goal, String mode, int actionCount, List<String> types) {

    public PlanFact {
        types = List.copyOf(types);
    }

    static PlanFact of(Plan plan) {
        List<String> types = plan.actions().stream().map(PlannedAction::type).toList();
        return new PlanFact(plan.goal(), plan.mode().wire(), types.size(), types);
    }
}
