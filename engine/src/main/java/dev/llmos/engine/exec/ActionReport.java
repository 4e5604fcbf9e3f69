package dev.llmos.engine.exec;

import dev.llmos.engine.spi.Danger;
import dev.llmos.engine.policy.Decision;

/**
 * one action as people and scripts see it after a run: what it was, what policy decided, what happened.
 *
 * @param result null when the run stopped before it was considered
 */
public record ActionReport(String id, String type, String reason, Danger danger, Decision decision, ActionResult result) {
}
