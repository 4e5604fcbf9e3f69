package dev.llmos.engine.exec;

import dev.llmos.engine.policy.RecoveryStep;

/**
 * a recovery step after a failure.
 *
 * @param forAction the action whose change it undoes
 * @param status ran, failed, or offered (not automatic: shown to the person, not run)
 */
public record RecoveryReport(String forAction, RecoveryStep step, String status, String detail) {
}
