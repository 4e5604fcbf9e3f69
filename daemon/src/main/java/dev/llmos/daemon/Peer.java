package dev.llmos.daemon;

import dev.llmos.engine.host.Requester;

/**
 * the process on the other end of a connection, as the kernel reports it.
 *
 * @param pid the peer's process id at connect time, or -1 when it could not be read
 */
public record Peer(Requester requester, long pid) {
}
