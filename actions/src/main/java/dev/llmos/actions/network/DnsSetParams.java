package dev.llmos.actions.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * a {@code dns_set} action's own fields.
 *
 * @param servers name servers, ip addresses only, in order of preference
 * @param search search domains, or null to keep the current ones
 */
public record DnsSetParams(List<String> servers, List<String> search) {

    private static final String IPV4 = "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";

    public DnsSetParams {
        servers = servers == null ? List.of() : List.copyOf(servers);
        search = search == null ? null : List.copyOf(search);
    }

    /** why the params cannot be written, or null. */
    String invalid() {
        if (servers.isEmpty() || servers.size() > 3) {
            return "dns_set needs 1 to 3 servers, got " + servers.size();
        }
        for (String s : servers) {
            if (!address(s)) {
                return "not an ip address: " + s;
            }
        }
        return null;
    }

    private static boolean address(String s) {
        if (s.matches(IPV4)) {
            return true;
        }
        if (!s.matches("[0-9A-Fa-f.:]+") || !s.contains(":")) {
            return false;
        }
        try {
            // a string with a colon is parsed as an ipv6 literal, never looked up
            return InetAddress.getByName(s).getAddress().length == 16;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
