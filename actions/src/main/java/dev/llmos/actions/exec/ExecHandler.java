package dev.llmos.actions.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.cgroups.CgroupLayout;
import dev.llmos.actions.cgroups.Confinement;
import dev.llmos.actions.posix.Posix;
import dev.llmos.engine.host.Requester;
import dev.llmos.engine.json.Json;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Catalog;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Preview;
import dev.llmos.engine.spi.ResourceLimits;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * {@code exec}: runs a program from argv, never through a shell, confined to its decision's scope
 * (a bubblewrap sandbox of its own, see {@link Sandbox}) and as the requester unless the decision
 * grants root.
 */
@AutoService(ActionHandler.class)
public final class ExecHandler implements ActionHandler<ExecParams> {

    static final JsonNode SCHEMA = ActionSpec.schemaResource(ExecHandler.class, "exec.schema.json");
    private static final ActionSpec<ExecParams> SPEC = new ActionSpec<>("exec",
            "run a program with arguments (argv, no shell) in a scrubbed environment, with a timeout and captured output",
            ExecParams.class, SCHEMA, Exec.class, Effect.MUTATING, true, false);

    private final IntSupplier effectiveUid;
    private final ExecEnvironment environment;
    private final Sandbox sandbox;
    private final SecretPaths secrets;

    public ExecHandler() {
        this(Posix::effectiveUid);
    }

    /** {@code effectiveUid} is a seam: tests play a non-root executor while running as root. */
    ExecHandler(IntSupplier effectiveUid) {
        this(effectiveUid, Sandbox.system(Posix.effectiveUid() == 0));
    }

    /** {@code sandbox} is a seam: tests play a host that cannot confine by naming a missing bwrap. */
    ExecHandler(IntSupplier effectiveUid, Sandbox sandbox) {
        this(effectiveUid, sandbox, Path.of("/etc/passwd"));
    }

    /** {@code passwd} is a seam: tests give secret patterns under ~ homes of their own, in temp dirs. */
    ExecHandler(IntSupplier effectiveUid, Sandbox sandbox, Path passwd) {
        this.effectiveUid = effectiveUid;
        this.environment = new ExecEnvironment(SCHEMA, Path.of("/etc/passwd"));
        this.sandbox = sandbox;
        this.secrets = new SecretPaths(passwd);
    }

    @Override
    public ActionSpec<ExecParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ExecParams params, FactContext context) {
        return new ExecFacts(header, context, timeoutSec(params, context.limits()), params.root(), environment.fromPlan(params.env()))
                .of(params.argv(), params.cwd());
    }

    @Override
    public List<String> writes(ExecParams params) {
        return PathArgs.written(params.argv(), params.cwd());
    }

    @Override
    public Preview preview(ExecParams params, ExecContext context) {
        String cwd = params.cwd() == null ? System.getProperty("user.dir") : params.cwd();
        String summary = "would run: " + Quoting.join(params.argv()) + " in " + cwd
                + " (timeout " + timeoutSec(params, context.limits()) + " s)";
        if (!params.argv().isEmpty() && ProgramLookup.find(params.argv().get(0), params.cwd()).isEmpty()) {
            summary += "; but " + params.argv().get(0) + " is not found on " + ExecEnvironment.SAFE_PATH;
        }
        if (!context.confine().isNone()) {
            summary += ", in a cgroup of its own (" + Confined.describe(context.confine()) + ")";
        }
        Optional<String> cannot = sandbox.unavailable();
        summary += cannot.isEmpty() ? "; confined: " + context.scope().describe()
                : context.scope().unconfined() ? "; unconfined, since this host cannot confine (" + cannot.get() + ")"
                : "; refused: this host cannot confine (" + cannot.get() + ") and the decision does not allow running unconfined";
        return Preview.of(summary);
    }

    @Override
    public ActionOutcome execute(ExecParams params, ExecContext context) {
        String invalid = ExecChecks.invalid(params);
        if (invalid != null) {
            return ActionOutcome.failure(invalid);
        }
        int euid = effectiveUid.getAsInt();
        if (params.root() && euid != 0) {
            return ActionOutcome.failure("as_root requested but llm-os runs as uid " + euid);
        }
        // privilege follows the requester: as root on behalf of someone else, a command runs as them
        // unless the plan asks for root and the decision grants it
        boolean keepRoot = euid == 0 && (context.requester().isRoot() || params.root() && context.scope().root());
        Requester runAs = euid == 0 && !keepRoot ? context.requester() : null;
        String argv0 = params.argv().get(0);
        Optional<Path> program = ProgramLookup.find(argv0, params.cwd());
        if (program.isEmpty()) {
            return ActionOutcome.failure(argv0.indexOf('/') >= 0
                    ? argv0 + " is not an executable file"
                    : "program " + argv0 + " not found on " + ExecEnvironment.SAFE_PATH);
        }
        Optional<String> cannot = sandbox.unavailable();
        if (cannot.isPresent() && !context.scope().unconfined()) {
            return ActionOutcome.failure("cannot confine " + argv0 + ": " + cannot.get() + "; not run, since the decision"
                    + " does not allow running unconfined on such a host (a rule grants that with policy.allowUnconfined)");
        }
        Optional<Path> setsid = ProgramLookup.find("setsid", null);
        if (setsid.isEmpty()) {
            return ActionOutcome.failure("setsid not found on " + ExecEnvironment.SAFE_PATH + ": cannot give the command its own process group");
        }
        List<String> drop = new ArrayList<>();
        if (runAs != null) {
            Optional<Path> setpriv = ProgramLookup.find("setpriv", null);
            if (setpriv.isEmpty()) {
                return ActionOutcome.failure("cannot drop to uid " + runAs.uid() + ": setpriv not found on " + ExecEnvironment.SAFE_PATH);
            }
            drop.addAll(List.of(setpriv.get().toString(), "--reuid=" + runAs.uid(), "--regid=" + runAs.gid(),
                    "--init-groups", "--"));
        }
        Confinement confinement = null;
        // setsid first: the jvm's child becomes the group leader a timeout kills
        List<String> command = new ArrayList<>(List.of(setsid.get().toString()));
        if (!context.confine().isNone()) {
            Optional<Path> flock = ProgramLookup.find("flock", null);
            try {
                if (flock.isEmpty()) {
                    throw new IOException("flock not found on " + ExecEnvironment.SAFE_PATH);
                }
                ResourceLimits limits = context.confine();
                if (cannot.isEmpty() && limits.pidsMax() != null) {
                    // the sandbox's own two processes (bwrap and its pid 1) do not count against the program
                    limits = new ResourceLimits(limits.memoryMaxBytes(), limits.cpuQuotaPercent(),
                            limits.pidsMax() + Sandbox.OWN_PROCESSES);
                }
                confinement = Confinement.prepare(CgroupLayout.system(), limits,
                        Confined.groupName(context), context.stateDir().resolve("confine"));
            } catch (IOException | RuntimeException e) {
                return ActionOutcome.failure("cannot confine " + argv0 + " (" + Confined.describe(context.confine()) + "): "
                        + e.getMessage() + "; not run unconfined");
            }
            // flock holds the command at the gate until it is in its cgroup (as root, so it can open
            // the lock); the sandbox and the privilege drop come after
            command.addAll(confinement.wrapper(flock.get().toString()));
        }
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("program", program.get().toString());
        data.put("uid", runAs == null ? euid : runAs.uid());
        data.put("confined", cannot.isEmpty());
        if (params.root() && !keepRoot) {
            data.put("root_not_granted", true);
        }
        // a granted file that does not exist yet gets an empty stand-in to bind (removed if left untouched)
        Placeholders placeholders = cannot.isEmpty()
                ? Placeholders.create(context.scope().writable(), runAs, context.protectedPaths()) : new Placeholders();
        Map<String, String> env = environment.forChild(System.getenv(), params.env(), runAs);
        String cwd = params.cwd() == null ? System.getProperty("user.dir") : params.cwd();
        List<String> named = new ArrayList<>(params.argv());
        named.addAll(env.values());
        List<Path> roots = SecretRoots.of(params.argv(), cwd);
        java.util.function.Supplier<Sandbox.View> views = () -> sandbox.wrap(context.scope(), context.protectedPaths(),
                secrets.expand(masked(context.catalog()), context.scope().readable(), roots), cwd, runAs == null, named);
        int viewAt = command.size();
        Sandbox.View view = null;
        if (cannot.isEmpty()) {
            view = views.get();
            command.addAll(view.command());
            if (!view.notBound().isEmpty()) {
                view.notBound().forEach(data.putArray("writable_missing")::add);
            }
            if (!view.truncatedSecrets().isEmpty()) {
                view.truncatedSecrets().forEach(data.putArray("secret_patterns_truncated")::add);
            }
        }
        command.addAll(drop);
        command.add(program.get().toString());
        command.addAll(params.argv().subList(1, params.argv().size()));

        int timeout = timeoutSec(params, context.limits());
        try (placeholders; Confined confined = new Confined(confinement)) {
            ProcessRunner.Result r = ProcessRunner.run(command, env, params.cwd(),
                    timeout, context.limits().maxOutputBytes(), confined::admit);
            // a masked secret removed between its expansion and bwrap's setup leaves bwrap nothing to
            // mount over (it cannot create the name in the read-only view) and it stops before the
            // program runs: build the view again and start again. not behind a cgroup gate, which
            // opens once
            for (int again = 0; again < 2 && confinement == null && view != null && VanishedMask.stopped(r, view); again++) {
                Sandbox.View fresh = views.get();
                command.subList(viewAt, viewAt + view.command().size()).clear();
                command.addAll(viewAt, fresh.command());
                view = fresh;
                r = ProcessRunner.run(command, env, params.cwd(), timeout, context.limits().maxOutputBytes(), confined::admit);
            }
            String error = confined.killedBy().orElse(r.timedOut() ? "timed out after " + timeout + " s; process group killed"
                    : r.exitCode() != 0 ? "exit code " + r.exitCode() : null);
            confined.describe(data);
            return new ActionOutcome(error == null, r.exitCode(), r.stdout(), r.stderr(), List.of(), data, null, error);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot start " + argv0 + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failure("interrupted while running " + argv0 + "; process group killed");
        }
    }

    /** what a confined program must not reach unless granted: secrets, and other services' sockets. */
    private static List<String> masked(Catalog catalog) {
        List<String> all = new ArrayList<>(catalog.secretPaths());
        all.addAll(catalog.socketPaths());
        return all;
    }

    static int timeoutSec(ExecParams params, Limits limits) {
        int asked = params.timeoutSec() == null ? limits.defaultTimeoutSec() : params.timeoutSec();
        return Math.max(1, Math.min(asked, limits.maxTimeoutSec()));
    }
}
