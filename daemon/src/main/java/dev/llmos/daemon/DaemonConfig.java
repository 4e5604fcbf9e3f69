package dev.llmos.daemon;

import dev.llmos.engine.spi.Limits;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * everything the daemon is told at start.
 *
 * @param socketGroup group that owns the socket (mode 0660), or null to leave it to the process
 * @param protectedPaths paths no plan may modify besides policy, state and audit (the config file)
 * @param allowedUsers users who may connect besides root
 * @param allowedGroups members of these groups may connect
 * @param adminGroups members may reload policy and read everyone's audit entries (root always may)
 * @param readTimeout longest a client may take to finish sending one request
 * @param idleExit exit after this long with no client and no running plan; zero means never
 * @param guards what keeps the daemon available under abuse
 */
public record DaemonConfig(
        Path socket,
        String socketGroup,
        Path stateDir,
        Path policyDir,
        Path auditLog,
        List<Path> protectedPaths,
        Set<String> allowedUsers,
        Set<String> allowedGroups,
        Set<String> adminGroups,
        int maxRequestBytes,
        Duration readTimeout,
        Duration connectionIdleTimeout,
        int maxClients,
        Duration idleExit,
        Duration approvalTtl,
        Limits limits,
        Guards guards) {

    /**
     * limits that keep llm-osd answering when clients misbehave.
     *
     * @param maxClientsPerUid connections one uid may hold at once (root and admins are not limited per uid)
     * @param reservedSlots of maxClients, kept for root and the admin groups
     * @param firstRequestTimeout a connection that has sent nothing for this long is closed
     * @param writeTimeout a client that does not take an answer within this is disconnected
     * @param refusalWindow refused connections of one uid and reason within this window are audited as one summary
     * @param maxPlansPerOwner plans one uid may hold undecided-or-unrun at once
     * @param maxPlanBytes bytes of plans held in all
     * @param maxPlanBytesPerOwner bytes of plans one uid may hold
     */
    public record Guards(int maxClientsPerUid, int reservedSlots, Duration firstRequestTimeout, Duration writeTimeout,
                         Duration refusalWindow, int maxPlansPerOwner, long maxPlanBytes, long maxPlanBytesPerOwner) {
        public static final Guards DEFAULT = new Guards(16, 4, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofSeconds(60), 200, 256L << 20, 32L << 20);
    }

    /** with the default guards. */
    public DaemonConfig(Path socket, String socketGroup, Path stateDir, Path policyDir, Path auditLog, List<Path> protectedPaths,
                        Set<String> allowedUsers, Set<String> allowedGroups, Set<String> adminGroups, int maxRequestBytes,
                        Duration readTimeout, Duration connectionIdleTimeout, int maxClients, Duration idleExit,
                        Duration approvalTtl, Limits limits) {
        this(socket, socketGroup, stateDir, policyDir, auditLog, protectedPaths, allowedUsers, allowedGroups, adminGroups,
                maxRequestBytes, readTimeout, connectionIdleTimeout, maxClients, idleExit, approvalTtl, limits, Guards.DEFAULT);
    }

    public static final Path DEFAULT_SOCKET = Path.of("/run/llm-osd/llm-osd.sock");
    public static final Path DEFAULT_STATE = Path.of("/var/lib/llm-osd");
    public static final int DEFAULT_MAX_REQUEST = 1024 * 1024;

    public DaemonConfig {
        protectedPaths = List.copyOf(protectedPaths);
        allowedUsers = Set.copyOf(allowedUsers);
        allowedGroups = Set.copyOf(allowedGroups);
        adminGroups = Set.copyOf(adminGroups);
    }
}
