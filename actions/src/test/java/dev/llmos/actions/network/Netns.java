package dev.llmos.actions.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * a network namespace of the test's own, with a veth pair inside it (v0 at 10.77.0.1/24, v1, a
 * default route via 10.77.0.254 on v0) and ipv6 off, so nothing the tests do reaches the host's
 * network.
 */
final class Netns implements AutoCloseable {

    final String name = "llmos-" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 35), 36);
    private boolean etcNetnsCreated;

    private Netns() {
    }

    static Netns create() throws Exception {
        assumeTrue(ProcessHandle.current().info().user().map("root"::equals).orElse(false), "network namespaces need root");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")), "iproute2 is not installed (apt-get install iproute2)");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/sysctl")) || Files.isExecutable(Path.of("/sbin/sysctl")),
                "sysctl is not installed (apt-get install procps)");
        Netns ns = new Netns();
        ns.sh("ip", "netns", "add", ns.name);
        // no ipv6: link-local addresses would appear whenever the kernel gets to them
        ns.exec("sysctl", "-qw", "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1");
        ns.ip("link", "add", "v0", "type", "veth", "peer", "name", "v1");
        ns.ip("addr", "add", "10.77.0.1/24", "dev", "v0");
        ns.ip("link", "set", "v0", "up");
        ns.ip("link", "set", "v1", "up");
        ns.ip("route", "add", "default", "via", "10.77.0.254", "dev", "v0");
        return ns;
    }

    IpTool tool() {
        return IpTool.inNamespace(name);
    }

    /** the resolv.conf {@code ip netns exec} shows processes in the namespace as /etc/resolv.conf. */
    Path resolvConf() throws IOException {
        Path etc = Path.of("/etc/netns");
        if (!Files.exists(etc)) {
            etcNetnsCreated = true;
        }
        return Files.createDirectories(etc.resolve(name)).resolve("resolv.conf");
    }

    String ip(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("ip", "-n", name));
        all.addAll(List.of(args));
        return sh(all.toArray(String[]::new));
    }

    /** runs a command inside the namespace, as {@code ip netns exec} does (resolv.conf bind-mounted). */
    String exec(String... args) throws IOException, InterruptedException {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(List.of(args));
        return sh(all.toArray(String[]::new));
    }

    private static String sh(String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", argv) + " failed: " + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        sh("ip", "netns", "del", name);
        Path dir = Path.of("/etc/netns", name);
        if (Files.exists(dir)) {
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.delete(f);
                }
            }
            Files.delete(dir);
        }
        if (etcNetnsCreated) {
            Files.deleteIfExists(Path.of("/etc/netns"));
        }
    }
}
