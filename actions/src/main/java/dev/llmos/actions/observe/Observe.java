package dev.llmos.actions.observe;

import dev.llmos.engine.spi.ActionFact;

/**
 * what policy rules see of an {@code observe} action. rules are written against these names: keep them.
 *
 * @param what pressure, load, memory, disk, processes or process
 * @param pid the process looked at (what=process), or 0
 * @param realPath for what=disk with a path: that path resolved, else null
 */
public record Observe(
        String id,
        int index,
        String type,
        String reason,
        String danger,
        String what,
        int pid,
        String realPath) implements ActionFact {
}
