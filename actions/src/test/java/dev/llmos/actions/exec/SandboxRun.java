package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Catalog;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Scope;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * one exec action through a real {@link ExecHandler} and a real sandbox, what the sandbox tests
 * share: each test runs as root (the daemon's case: root builds the sandbox for a requester) with a
 * state directory of its own, removed after it. the catalogue names the masked secrets and service
 * sockets; protected paths stay read-only under any grant.
 */
final class SandboxRun implements BeforeEachCallback, AfterEachCallback {

    private final ExecHandler handler = new ExecHandler();
    private Path state;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        assumeTrue(TestContexts.SELF.isRoot(), "the daemon's case: root builds the sandbox for a requester");
        state = Files.createTempDirectory("llmos-sandbox-state");
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        if (state != null) {
            try (Stream<Path> all = Files.walk(state)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** a catalogue of secret patterns and service sockets, as policies/catalog gives them. */
    static Catalog catalog(List<String> secrets, List<String> sockets) {
        return new Catalog() {
            @Override
            public List<String> secretPaths() {
                return secrets;
            }

            @Override
            public List<String> socketPaths() {
                return sockets;
            }
        };
    }

    /** through another handler (one given seams of its own), with this test's state. */
    ActionOutcome run(ExecHandler with, Scope scope, List<Path> protectedPaths, Catalog catalog, Requester requester,
                      String... argv) {
        ExecContext context = new ExecContext(state, TestContexts.DIGEST, "a1", requester, Limits.DEFAULT, null, scope,
                protectedPaths, catalog);
        return with.execute(new ExecParams(List.of(argv), "/", 20, null, null), context);
    }

    ActionOutcome run(Scope scope, List<Path> protectedPaths, Catalog catalog, Requester requester, String... argv) {
        return run(handler, scope, protectedPaths, catalog, requester, argv);
    }

    ActionOutcome run(Scope scope, String... argv) {
        return run(scope, List.of(), catalog(List.of(), List.of()), TestContexts.SELF, argv);
    }
}
