package dev.llmos.actions.exec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Limits;
import dev.llmos.engine.spi.Preview;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/** {@code exec}: runs a program from argv, never through a shell, in its own process group. */
public final class ExecHandler implements ActionHandler<ExecParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ExecHandler.class, "exec.schema.json");
    private static final ActionSpec<ExecParams> SPEC = new ActionSpec<>("exec",
            "run a program with arguments (argv, no shell) in a scrubbed environment, with a timeout and captured output",
            ExecParams.class, SCHEMA, Exec.class, Effect.MUTATING, true, false);

    private final IntSupplier effectiveUid;
    private final ExecEnvironment environment;

    public ExecHandler() {
        this(Posix::effectiveUid);
    }

    /** {@code effectiveUid} is a seam: tests play a non-root executor while running as root. */
    ExecHandler(IntSupplier effectiveUid) {
        this.effectiveUid = effectiveUid;
        this.environment = new ExecEnvironment(SCHEMA, Path.of("/etc/passwd"));
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
        // as root on behalf of someone else, a command runs as them unless the plan asks (and policy allows) root
        Requester runAs = !params.root() && euid == 0 && !context.requester().isRoot() ? context.requester() : null;
        String argv0 = params.argv().get(0);
        Optional<Path> program = ProgramLookup.find(argv0, params.cwd());
        if (program.isEmpty()) {
            return ActionOutcome.failure(argv0.indexOf('/') >= 0
                    ? argv0 + " is not an executable file"
                    : "program " + argv0 + " not found on " + ExecEnvironment.SAFE_PATH);
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
        List<String> command = new ArrayList<>();
        if (context.confine().isNone()) {
            command.addAll(drop);
            command.add(setsid.get().toString());
        } else {
            Optional<Path> flock = ProgramLookup.find("flock", null);
            try {
                if (flock.isEmpty()) {
                    throw new IOException("flock not found on " + ExecEnvironment.SAFE_PATH);
                }
                confinement = Confinement.prepare(CgroupLayout.system(), context.confine(),
                        Confined.groupName(context), context.stateDir().resolve("confine"));
            } catch (IOException | RuntimeException e) {
                return ActionOutcome.failure("cannot confine " + argv0 + " (" + Confined.describe(context.confine()) + "): "
                        + e.getMessage() + "; not run unconfined");
            }
            // setsid, then flock holds the command at the gate until it is in its cgroup (as root,
            // so it can open the lock), then privileges drop
            command.add(setsid.get().toString());
            command.addAll(confinement.wrapper(flock.get().toString()));
            command.addAll(drop);
        }
        command.add(program.get().toString());
        command.addAll(params.argv().subList(1, params.argv().size()));

        int timeout = timeoutSec(params, context.limits());
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("program", program.get().toString());
        data.put("uid", runAs == null ? euid : runAs.uid());
        try (Confined confined = new Confined(confinement)) {
            ProcessRunner.Result r = ProcessRunner.run(command, environment.forChild(System.getenv(), params.env(), runAs), params.cwd(),
                    timeout, context.limits().maxOutputBytes(), confined::admit);
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

    static int timeoutSec(ExecParams params, Limits limits) {
        int asked = params.timeoutSec() == null ? limits.defaultTimeoutSec() : params.timeoutSec();
        return Math.max(1, Math.min(asked, limits.maxTimeoutSec()));
    }
}
