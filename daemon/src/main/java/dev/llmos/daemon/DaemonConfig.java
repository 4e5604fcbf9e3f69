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
        Limits limits) {

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
