package dev.llmos.cli.run;

import dev.llmos.cli.app.Context;
import dev.llmos.cli.app.Settings;
import dev.llmos.cli.app.Wiring;
import dev.llmos.engine.exec.Pipeline;
import dev.llmos.engine.plan.PlanParser;
import dev.llmos.engine.policy.PolicyEngine;
import dev.llmos.engine.registry.ActionRegistry;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * the embedded pipeline, put together in two halves at once: the policy loads on a thread of its
 * own (the compiled rules from the disk cache, the catalogues) while this thread finds the handlers
 * and reads and validates the plan, which needs no policy. deciding waits for both. on two cores
 * a run starts about as fast as the slower half instead of the sum (docs/decisions/0024).
 */
final class EmbeddedStart {

    private final Settings settings;
    private final ActionRegistry registry;
    private final PlanParser parser;
    private final CompletableFuture<PolicyEngine> policy;
    private Pipeline pipeline;

    private EmbeddedStart(Settings settings, ActionRegistry registry, CompletableFuture<PolicyEngine> policy) {
        this.settings = settings;
        this.registry = registry;
        this.parser = new PlanParser(registry);
        this.policy = policy;
    }

    /** starts loading the policy, then finds the handlers; a missing policy directory is said at once. */
    static EmbeddedStart begin(Settings settings, Context context) {
        Path dir = Wiring.policyDir(settings);
        CompletableFuture<PolicyEngine> policy = new CompletableFuture<>();
        // a daemon thread: a command that fails before it needs the policy exits without waiting for it
        Thread.ofPlatform().daemon().name("llmsh-policy").start(() -> {
            try {
                policy.complete(context.policies().load(dir, settings.cacheDir()));
            } catch (RuntimeException | Error e) {
                policy.completeExceptionally(e);
            }
        });
        return new EmbeddedStart(settings, Wiring.registry(), policy);
    }

    /** validates plans with the handlers' schemas; available before the policy is. */
    PlanParser parser() {
        return parser;
    }

    /** the pipeline, once the policy is loaded; a policy that did not load throws its own exception here. */
    synchronized Pipeline pipeline() {
        if (pipeline == null) {
            pipeline = Wiring.pipeline(settings, registry, loaded());
        }
        return pipeline;
    }

    private PolicyEngine loaded() {
        try {
            return policy.join();
        } catch (CompletionException e) {
            // the loader's own exception (a PolicyLoadException with every problem), as if loaded here
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error cause) {
                throw cause;
            }
            throw e;
        }
    }
}
