package dev.llmos.engine.exec;

import java.util.Set;

/** asks a person (or a flag) which CONFIRM actions may run; never consulted for DENY. */
@FunctionalInterface
public interface Approver {

    /** ids of the approved actions among {@link DecidedPlan#toConfirm()}. */
    Set<String> approve(DecidedPlan plan);

    /** approves nothing: a CONFIRM action then stops the run. */
    Approver NOBODY = plan -> Set.of();

    /** approves every CONFIRM action ({@code --yes}); DENY is never asked about. */
    Approver EVERYTHING = plan -> {
        Set<String> ids = new java.util.LinkedHashSet<>();
        plan.toConfirm().forEach(a -> ids.add(a.id()));
        return ids;
    };
}
