package dev.llmos.cli.app;

import java.util.List;

/**
 * the keys of {@code /etc/llm-os/config.json}, as {@link dev.llmos.engine.config.ConfigLoader} binds
 * them: snake_case in the file ({@code policy_dir}), null when the file leaves a key out. any other
 * key, and a value of another type, is an error naming the file and the key.
 *
 * @param policyDir where the policy is ({@code --policy}); relative paths are relative to the file
 * @param socket llm-osd's socket, for llmsh and the daemon
 * @param socketGroup group owning the daemon's socket
 * @param allowedUsers users who may connect besides root
 * @param allowedGroups groups whose members may connect
 * @param adminGroups groups whose members may reload policy and read all audit entries
 * @param idleExitSec the daemon exits after this long with no client and no plan; 0 = never
 * @param maxPlansPerUser plans one requester may hold at once (a guard, decision 0014)
 */
public record ConfigJson(String policyDir, String stateDir, String auditLog, String cacheDir, String socket,
                         String socketGroup, List<String> allowedUsers, List<String> allowedGroups, List<String> adminGroups,
                         Integer idleExitSec, Integer maxClients, Integer maxRequestBytes, Integer readTimeoutMs,
                         Integer maxClientsPerUid, Integer reservedSlots, Integer idleTimeoutSec, Integer writeTimeoutSec,
                         Integer maxPlansPerUser) {

    /** no file: every key left out. */
    public static final ConfigJson EMPTY = new ConfigJson(null, null, null, null, null, null, null, null, null, null, null,
            null, null, null, null, null, null, null);

    public ConfigJson {
        allowedUsers = allowedUsers == null ? null : List.copyOf(allowedUsers);
        allowedGroups = allowedGroups == null ? null : List.copyOf(allowedGroups);
        adminGroups = adminGroups == null ? null : List.copyOf(adminGroups);
    }
}
