package dev.llmos.cli.mcp;

import dev.llmos.cli.run.Backends;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.llm.Redactor;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * the mcp server on stdio, built with the official sdk: the sdk speaks the protocol (framing,
 * initialize and version negotiation, tools/list, tools/call, elicitation), this side only turns
 * the registry into tools and each call into a plan. it serves until the client closes stdin.
 */
public final class McpServe {

    static final String INSTRUCTIONS = "llm-os puts the admin's policy in front of the operating system. Each tool is one"
            + " typed action (read_file, exec with argv, write_file, ...); every call is validated, decided by policy,"
            + " confirmed by a person where policy asks, run confined and audited. A denied call returns the rule, what"
            + " was violated and a safer alternative: re-plan with it. Use explain to see how a plan would be decided,"
            + " and plan for several steps that belong together.";

    private McpServe() {
    }

    /**
     * serves on the process's own stdin and stdout until stdin ends. {@code protocolOut} must be
     * the real stdout: System.out is pointed at stderr first, so a stray print cannot corrupt the
     * protocol stream.
     */
    public static int serve(Supplier<Backends> choose, ActionRegistry registry, ConfirmVia via, List<String> redact, InputStream stdin,
                            PrintStream protocolOut, PrintWriter notice, String version) {
        System.setOut(System.err);
        McpJsonMapper mapper = McpJsonDefaults.getMapper();
        CountDownLatch ended = new CountDownLatch(1);
        // the policy compiles (or llm-osd is found) while the client initializes and lists tools,
        // which need only the registry; a call waits for it. a policy that does not compile ends
        // the server with the same error and exit code as any other command
        CompletableFuture<Backends> backends = CompletableFuture.supplyAsync(choose);
        backends.whenComplete((b, failure) -> {
            if (failure != null) {
                ended.countDown();
            } else {
                notice.println("llmsh mcp: ready, " + (b.daemon() ? "through llm-osd" : "embedded"));
                notice.flush();
            }
        });
        StdioServerTransportProvider transport = new StdioServerTransportProvider(mapper, new EndAware(stdin, ended), protocolOut);
        ToolCalls calls = new ToolCalls(backends, new ToolResults(Redactor.withDefaultsAnd(redact)), via, McpApprover.TTY);
        List<McpServerFeatures.SyncToolSpecification> specs = ToolCatalog.tools(registry).stream()
                .map(tool -> new McpServerFeatures.SyncToolSpecification(tool, calls::call))
                .toList();
        McpSyncServer server = McpServer.sync(transport)
                .serverInfo("llm-os", version)
                .instructions(INSTRUCTIONS)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .jsonMapper(mapper)
                // the engine validates each call exactly as llmsh run validates a plan, naming the field
                .validateToolInputs(false)
                .tools(specs)
                .build();
        notice.println("llmsh mcp: " + specs.size() + " tools on stdio; confirmations: " + via.name().toLowerCase(java.util.Locale.ROOT));
        notice.flush();
        try {
            ended.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.closeGracefully();
        if (backends.isCompletedExceptionally()) {
            throw unwrapped(backends);
        }
        return 0;
    }

    /** what choosing the backend threw, as thrown, for the command line's error handler. */
    private static RuntimeException unwrapped(CompletableFuture<Backends> failed) {
        try {
            failed.join();
            return new IllegalStateException("no failure");
        } catch (CompletionException e) {
            return e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** stdin that says when it ends, which is when the client is done with this server. */
    private static final class EndAware extends FilterInputStream {
        private final CountDownLatch ended;

        EndAware(InputStream in, CountDownLatch ended) {
            super(in);
            this.ended = ended;
        }

        @Override
        public int read() throws IOException {
            try {
                return seen(super.read());
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return seen(super.read(b, off, len));
            } catch (IOException e) {
                ended.countDown();
                throw e;
            }
        }

        private int seen(int n) {
            if (n < 0) {
                ended.countDown();
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            ended.countDown();
            super.close();
        }
    }
}
