package dev.llmos.daemon;

import dev.llmos.daemon.client.RpcError;
import dev.llmos.daemon.client.RpcException;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * approval tokens: bound to one plan, to the digest of the exact plan and decisions the person
 * saw, and to the person's uid; they expire and can be used once.
 */
final class Approvals {

    /** what an approval covers. */
    record Approval(String planId, String digest, Set<String> actions, int uid, Instant expires) {
    }

    private final ConcurrentHashMap<String, Approval> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final Duration ttl;

    Approvals(Clock clock, Duration ttl) {
        this.clock = clock;
        this.ttl = ttl;
    }

    Approval grant(String planId, String digest, Set<String> actions, int uid, String[] tokenOut) {
        Instant now = clock.instant();
        tokens.values().removeIf(a -> a.expires().isBefore(now));
        byte[] bytes = new byte[24];
        random.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        Approval a = new Approval(planId, digest, Set.copyOf(actions), uid, now.plus(ttl));
        tokens.put(token, a);
        tokenOut[0] = token;
        return a;
    }

    /** takes the token out (single use) and checks it covers this plan, digest and person. */
    Approval redeem(String token, String planId, String digest, int uid) {
        Approval a = token == null ? null : tokens.remove(token);
        if (a == null) {
            throw new RpcException(RpcError.APPROVAL_INVALID, "unknown or already used approval");
        }
        if (a.expires().isBefore(clock.instant())) {
            throw new RpcException(RpcError.APPROVAL_INVALID, "approval expired at " + a.expires() + "; approve again");
        }
        if (!a.planId().equals(planId) || a.uid() != uid) {
            throw new RpcException(RpcError.APPROVAL_INVALID, "approval was given for another plan or person");
        }
        if (!a.digest().equals(digest)) {
            throw new RpcException(RpcError.APPROVAL_INVALID,
                    "the plan or its decisions changed since they were approved (policy reloaded?); approve again");
        }
        return a;
    }
}
