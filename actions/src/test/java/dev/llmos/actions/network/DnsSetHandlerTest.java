package dev.llmos.actions.network;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.spi.ActionOutcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** the resolv.conf a namespace's processes see, rewritten through write_file's atomic write and undone. */
class DnsSetHandlerTest {

    private static final String BEFORE = "# from dhcp\nsearch old.example\nnameserver 10.0.0.53\noptions edns0\n";

    private Netns ns;
    private Path resolvConf;
    private DnsSetHandler handler;

    @TempDir
    Path state;

    @BeforeEach
    void namespace() throws Exception {
        ns = Netns.create();
        resolvConf = ns.resolvConf();
        Files.writeString(resolvConf, BEFORE);
        handler = new DnsSetHandler(resolvConf);
    }

    @AfterEach
    void removeNamespace() throws Exception {
        // null when the test was skipped before the namespace was made
        if (ns != null) {
            ns.close();
        }
    }

    @Test
    void aProcessInTheNamespaceSeesTheNewServersWithTheOtherLinesKept() throws Exception {
        ActionOutcome outcome = handler.execute(new DnsSetParams(List.of("10.77.0.53", "fd00::53"), null), TestContexts.exec(state));
        assertEquals(List.of(true, ResolvConf.HEADER + "\n# from dhcp\nsearch old.example\noptions edns0\nnameserver 10.77.0.53\nnameserver fd00::53\n"),
                List.of(outcome.ok(), ns.exec("cat", "/etc/resolv.conf")));
    }

    @Test
    void newSearchDomainsReplaceTheOldOnes() throws Exception {
        handler.execute(new DnsSetParams(List.of("10.77.0.53"), List.of("lab.example", "example")), TestContexts.exec(state));
        assertEquals(ResolvConf.HEADER + "\n# from dhcp\noptions edns0\nsearch lab.example example\nnameserver 10.77.0.53\n",
                Files.readString(resolvConf));
    }

    @Test
    void undoPutsThePreviousFileBack() throws Exception {
        DnsSetParams params = new DnsSetParams(List.of("10.77.0.53"), null);
        ActionOutcome done = handler.execute(params, TestContexts.exec(state));
        ActionOutcome undone = handler.undo(params, done.undo(), TestContexts.exec(state));
        assertEquals(List.of(true, true, BEFORE), List.of(done.ok(), undone.ok(), ns.exec("cat", "/etc/resolv.conf")));
    }

    @Test
    void refusesWhatIsNotAnIpAddressAndWritesNothing() throws Exception {
        assertEquals(List.of("not an ip address: 999.1.1.1", "not an ip address: dns.example", BEFORE),
                List.of(handler.execute(new DnsSetParams(List.of("999.1.1.1"), null), TestContexts.exec(state)).error(),
                        handler.execute(new DnsSetParams(List.of("dns.example"), null), TestContexts.exec(state)).error(),
                        Files.readString(resolvConf)));
    }

    @Test
    void leavesAResolvConfOfSystemdResolvedToResolved() {
        assertEquals(List.of("systemd-resolved", "file"),
                List.of(DnsSetHandler.managedBy("/run/systemd/resolve/stub-resolv.conf"), DnsSetHandler.managedBy("/etc/resolv.conf")));
    }
}
