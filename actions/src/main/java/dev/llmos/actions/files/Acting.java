package dev.llmos.actions.files;

import dev.llmos.actions.posix.AsUser;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.ExecContext;

import java.io.IOException;

/**
 * whose permissions a file action uses. a daemon running as root acts for a non-root requester
 * with that requester's file-system identity (see {@link AsUser}) unless the decision grants root;
 * otherwise the process acts as itself (root for root, the user when embedded).
 *
 * @param as the identity to borrow, or null to act as this process
 * @param root whether the files end up touched as root (so ownership can be kept or given)
 */
record Acting(AsUser as, boolean root, String who) {

    static Acting of(ExecContext context, int effectiveUid) {
        Requester r = context.requester();
        if (effectiveUid == 0 && !r.isRoot() && !context.scope().root()) {
            return new Acting(AsUser.of(r.uid(), r.gid(), r.user()), false, r.user() + " (uid " + r.uid() + ")");
        }
        return new Acting(null, effectiveUid == 0, effectiveUid == 0 ? "root" : r.user() + " (uid " + effectiveUid + ")");
    }

    <T> T call(AsUser.Work<T> work) throws IOException {
        return as == null ? work.run() : as.call(work);
    }

    /**
     * setuid and setgid bits make a program run as its owner: only root may hand them out, and
     * only where a rule granted root (a root requester keeps what root may do).
     */
    void checkMode(int mode, java.nio.file.Path target) throws FileTarget.Refused {
        if ((mode & 06000) != 0 && !root) {
            throw new FileTarget.Refused("refusing mode " + FileKind.octal(mode) + " for " + target + ": setuid and setgid bits"
                    + " need a rule that grants root (policy.grantRoot); " + who + " acts without it");
        }
    }
}
