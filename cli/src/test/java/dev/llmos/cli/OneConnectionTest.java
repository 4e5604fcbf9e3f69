package dev.llmos.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * a command that talks to llm-osd connects once: the connection that found the daemon is the one
 * it asks on (decision 0029). the listener here stands in for llm-osd because the real daemon
 * cannot say how many connections a client opened; it counts them and refuses every request as
 * llm-osd refuses a user it does not allow, so the command's own error path and exit code show too.
 */
class OneConnectionTest {

    @TempDir
    Path tmp;
    private ServerSocketChannel server;
    private final AtomicInteger connections = new AtomicInteger();
    private Path socket;

    @BeforeEach
    void listen() throws IOException {
        socket = tmp.resolve("osd.sock");
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().start(() -> {
            while (server.isOpen()) {
                try {
                    SocketChannel client = server.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> refuseEach(client));
                } catch (IOException closed) {
                    return;
                }
            }
        });
    }

    private static void refuseEach(SocketChannel client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(client), StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                String refusal = "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32005,\"message\":\"uid 4242 may not use llm-osd\"}}\n";
                client.write(ByteBuffer.wrap(refusal.getBytes(StandardCharsets.UTF_8)));
            }
        } catch (IOException gone) {
            // the client went away
        }
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void aRunThroughTheDaemonConnectsOnce() throws IOException {
        Path plan = Files.writeString(tmp.resolve("plan.json"), Plans.plan(Plans.exec("a1", "true")));
        Cli.Result r = Cli.in(tmp).run("--socket", socket.toString(), "run", "--yes", plan.toString());
        assertEquals(List.of(1, true, 1), List.of(r.code(), r.err().contains("uid 4242 may not use llm-osd"), connections.get()), r.err());
    }

    @Test
    void anAuditTailThroughTheDaemonConnectsOnce() {
        Cli.Result r = Cli.in(tmp).run("--socket", socket.toString(), "audit", "tail");
        assertEquals(List.of(1, true, 1), List.of(r.code(), r.err().contains("uid 4242 may not use llm-osd"), connections.get()), r.err());
    }
}
