package dev.llmos.actions.process;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of a {@code process_control} action: the targets as they are when the plan
 * is decided (the handler looks them up again right before it acts). rules are written against
 * these names: keep them.
 *
 * @param operation signal or renice
 * @param signal the signal's name (TERM, KILL, ...), null for a renice
 * @param nice the new nice value, null for a signal
 * @param byName whether the plan named the target by comm rather than by pid
 * @param name the comm asked for, or the comm of the pid asked for (null when there is no such pid)
 * @param pids the processes it would act on now, ascending
 * @param ownerUids their real uids, distinct and ascending
 * @param systemProcess any target is pid 1 or owned by a uid below 1000
 * @param rootOwned any target is owned by root
 * @param includesInit pid 1 is a target
 * @param includesDaemon the process running llm-os is a target
 * @param ownedByRequester every target belongs to the requester
 */
public record ProcessControl(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String operation,
        String signal,
        Integer nice,
        boolean byName,
        String name,
        List<Integer> pids,
        List<Integer> ownerUids,
        int count,
        boolean systemProcess,
        boolean rootOwned,
        boolean includesInit,
        boolean includesDaemon,
        boolean ownedByRequester) implements ActionFact {
}
