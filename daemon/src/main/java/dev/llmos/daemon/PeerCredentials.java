package dev.llmos.daemon;

import dev.llmos.engine.host.HostProbe;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import jdk.net.UnixDomainPrincipal;

/**
 * who is on the other end of a unix socket, from the kernel (SO_PEERCRED), never from anything
 * the client says. the jdk gives names; the probe maps them to ids and groups.
 */
@FunctionalInterface
public interface PeerCredentials {

    Peer of(SocketChannel channel) throws IOException;

    static PeerCredentials jdk(HostProbe probe) {
        return channel -> {
            UnixDomainPrincipal p = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            // the jdk reports names only, so no pid here; the cli plugs in a kernel-level reader
            return new Peer(probe.identifyByName(p.user().getName(), p.group().getName()), -1);
        };
    }
}
