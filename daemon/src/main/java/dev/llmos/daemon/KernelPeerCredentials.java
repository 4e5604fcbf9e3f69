package dev.llmos.daemon;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.ptr.IntByReference;
import dev.llmos.engine.host.HostProbe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SocketChannel;

/**
 * SO_PEERCRED read with getsockopt(2), which gives the peer's pid besides its uid and gid. the
 * socket's fd is private to the jdk, so reading it needs {@code --add-opens
 * java.base/sun.nio.ch=ALL-UNNAMED} (the launcher passes it); without it, or off linux, this falls
 * back to the jdk's names-only credentials and the pid is reported as -1.
 */
public final class KernelPeerCredentials implements PeerCredentials {

    private static final Logger LOG = LoggerFactory.getLogger(KernelPeerCredentials.class);
    private static final int SOL_SOCKET = 1;
    private static final int SO_PEERCRED = 17;

    private interface LibC extends Library {
        int getsockopt(int fd, int level, int name, byte[] value, IntByReference length) throws LastErrorException;
    }

    private final HostProbe probe;
    private final PeerCredentials fallback;
    private final Method fdOf;
    private final LibC libc;

    public KernelPeerCredentials(HostProbe probe) {
        this.probe = probe;
        this.fallback = PeerCredentials.jdk(probe);
        Method m = null;
        LibC c = null;
        try {
            Class<?> impl = Class.forName("sun.nio.ch.SocketChannelImpl");
            m = impl.getDeclaredMethod("getFDVal");
            m.setAccessible(true);
            c = Native.load("c", LibC.class);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            LOG.info("peer pids unavailable ({}); identifying peers by the jdk's SO_PEERCRED names", e.toString());
            m = null;
        }
        this.fdOf = m;
        this.libc = c;
    }

    @Override
    public Peer of(SocketChannel channel) throws IOException {
        if (fdOf == null) {
            return fallback.of(channel);
        }
        try {
            int fd = (int) fdOf.invoke(channel);
            byte[] cred = new byte[12];
            IntByReference length = new IntByReference(cred.length);
            libc.getsockopt(fd, SOL_SOCKET, SO_PEERCRED, cred, length);
            ByteBuffer b = ByteBuffer.wrap(cred).order(ByteOrder.nativeOrder());
            int pid = b.getInt();
            int uid = b.getInt();
            int gid = b.getInt();
            return new Peer(probe.identify(uid, gid), pid);
        } catch (ReflectiveOperationException | LastErrorException e) {
            LOG.debug("getsockopt(SO_PEERCRED) failed, using the jdk's names: {}", e.toString());
            return fallback.of(channel);
        }
    }
}
