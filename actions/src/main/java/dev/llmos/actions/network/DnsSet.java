package dev.llmos.actions.network;

import dev.llmos.engine.spi.ActionFact;

import java.util.List;

/**
 * what policy rules see of a {@code dns_set} action.
 *
 * @param realPath resolv.conf with symlinks followed: the file that would be replaced
 * @param managedBy file, or systemd-resolved when resolv.conf is its stub (then nothing is written)
 * @param currentServers the name servers resolv.conf names now
 * @param search the new search domains, or null to keep the current ones
 */
public record DnsSet(String id, int index, String type, String reason, String danger, List<String> servers,
                     List<String> search, String path, String realPath, String managedBy, List<String> currentServers)
        implements ActionFact {
}
