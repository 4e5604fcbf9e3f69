package dev.llmos.daemon;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/** creates the daemon's listening socket the way an admin expects: 0660, owned by a group, no stale file. */
public final class SocketSetup {

    private SocketSetup() {
    }

    public static ServerSocketChannel bind(Path socket, String group) throws IOException {
        Path dir = socket.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        if (Files.exists(socket)) {
            if (listening(socket)) {
                throw new IOException("another llm-osd is already listening on " + socket);
            }
            // a socket file left by a daemon that died: nobody answers on it, so it is safe to replace
            Files.delete(socket);
        }
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket), 256);
        Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
        if (group != null && !group.isBlank()) {
            GroupPrincipal principal = socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
            Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
        }
        return server;
    }

    /** whether a daemon answers on the socket (llmsh keeps the connection that finds one instead: cli Daemons.connect). */
    public static boolean listening(Path socket) {
        if (!Files.exists(socket)) {
            return false;
        }
        try (SocketChannel ch = SocketChannel.open(UnixDomainSocketAddress.of(socket))) {
            return ch.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
