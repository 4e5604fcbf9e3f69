package dev.llmos.engine.daemon;

import dev.llmos.engine.host.HostProbe;
import dev.llmos.engine.host.Requester;

import java.io.IOException;
import java.nio.channels.SocketChannel;
import jdk.net.UnixDomainPrincipal;

/**
 * who is on the other end of a unix socket, from the kernel (SO_PEERCRED), never from anything
 * the client says. the jdk gives names; the probe maps them to ids and groups.
 */
@FunctionalInterface
public interface PeerCredentials {

    Requester of(SocketChannel channel) throws IOException;

    static PeerCredentials jdk(HostProbe probe) {
        return channel -> {
            UnixDomainPrincipal p = channel.getOption(jdk.net.ExtendedSocketOptions.SO_PEERCRED);
            return probe.identifyByName(p.user().getName(), p.group().getName());
        };
    }
}
