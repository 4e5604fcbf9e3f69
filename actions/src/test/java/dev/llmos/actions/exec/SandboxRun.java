package dev.llmos.actions.exec;

import dev.llmos.actions.TestContexts;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.Catalog;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Scope;

import java.nio.file.Path;
import java.util.List;

/**
 * one exec action through a real {@link ExecHandler} and a real sandbox, with its state in the
 * test's own directory: what the sandbox tests share. the catalogue names the masked secrets and
 * service sockets; protected paths stay read-only under any grant.
 */
record SandboxRun(ExecHandler handler, Path state) {

    SandboxRun(Path state) {
        this(new ExecHandler(), state);
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

    ActionOutcome run(Scope scope, List<Path> protectedPaths, Catalog catalog, Requester requester, String... argv) {
        ExecContext context = new ExecContext(state, TestContexts.DIGEST, "a1", requester, Limits.DEFAULT, null, scope,
                protectedPaths, catalog);
        return handler.execute(new ExecParams(List.of(argv), "/", 20, null, null), context);
    }

    ActionOutcome run(Scope scope, String... argv) {
        return run(scope, List.of(), catalog(List.of(), List.of()), TestContexts.SELF, argv);
    }
}
