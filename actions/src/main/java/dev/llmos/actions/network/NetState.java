package dev.llmos.actions.network;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** links, addresses and routes, parsed from {@code ip -j} into records that go out as the action's data. */
final class NetState {

    /** one address on a link. */
    record Address(String family, String address, int prefixLength, String scope) {
    }

    /**
     * one link.
     *
     * @param up administratively up (the UP flag), whatever the carrier
     * @param operState the kernel's operational state: UP, DOWN, UNKNOWN, ...
     */
    record Link(int index, String name, boolean up, String operState, int mtu, String mac, String kind, List<Address> addresses) {
    }

    /** one route; dst is "default" for a default route. */
    record Route(String family, String dst, String gateway, String dev, String protocol, String scope, String source, Integer metric) {
    }

    private NetState() {
    }

    static List<Link> links(IpTool ip) throws IOException {
        List<Link> links = new ArrayList<>();
        for (JsonNode l : ip.json("addr", "show")) {
            List<Address> addresses = new ArrayList<>();
            for (JsonNode a : l.path("addr_info")) {
                addresses.add(new Address(a.path("family").asText(), a.path("local").asText(), a.path("prefixlen").asInt(),
                        a.path("scope").asText()));
            }
            boolean up = false;
            for (JsonNode f : l.path("flags")) {
                up |= f.asText().equals("UP");
            }
            links.add(new Link(l.path("ifindex").asInt(), l.path("ifname").asText(), up, l.path("operstate").asText(),
                    l.path("mtu").asInt(), text(l, "address"), l.path("link_type").asText(), List.copyOf(addresses)));
        }
        return links;
    }

    static Optional<Link> link(IpTool ip, String name) throws IOException {
        return links(ip).stream().filter(l -> l.name().equals(name)).findFirst();
    }

    /** ipv4 and ipv6 routes of the main table. */
    static List<Route> routes(IpTool ip) throws IOException {
        List<Route> routes = new ArrayList<>();
        for (String family : List.of("inet", "inet6")) {
            for (JsonNode r : ip.json(family.equals("inet") ? "-4" : "-6", "route", "show")) {
                routes.add(new Route(family, r.path("dst").asText(), text(r, "gateway"), text(r, "dev"), text(r, "protocol"),
                        text(r, "scope"), text(r, "prefsrc"), r.has("metric") ? r.path("metric").asInt() : null));
            }
        }
        return routes;
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.path(field).asText() : null;
    }
}
