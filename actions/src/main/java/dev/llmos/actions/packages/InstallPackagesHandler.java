package dev.llmos.actions.packages;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.auto.service.AutoService;
import dev.llmos.engine.spi.ActionFact;
import dev.llmos.engine.spi.ActionHandler;
import dev.llmos.engine.spi.ActionHeader;
import dev.llmos.engine.spi.ActionOutcome;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import dev.llmos.engine.spi.ExecContext;
import dev.llmos.engine.spi.FactContext;
import dev.llmos.engine.spi.Preview;

import java.util.List;
import java.util.Map;

/**
 * {@code install_packages}: installs packages from the repositories or local package files through
 * the host's package manager, non-interactively and with a timeout. undo removes exactly the
 * packages that were not there before (dependencies included) and puts back any it replaced.
 */
@AutoService(ActionHandler.class)
public final class InstallPackagesHandler implements ActionHandler<InstallPackagesParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(InstallPackagesHandler.class, "install_packages.schema.json");
    private static final ActionSpec<InstallPackagesParams> SPEC = new ActionSpec<>("install_packages",
            "install packages (by name from the repositories, or local package files) with apt, dnf or pacman; undoable",
            InstallPackagesParams.class, SCHEMA, InstallPackages.class, Effect.MUTATING, true, true);

    private final PackageOps ops;

    public InstallPackagesHandler() {
        this(PackageOps.system());
    }

    /** tests give the backends their own caches. */
    InstallPackagesHandler(PackageOps ops) {
        this.ops = ops;
    }

    @Override
    public ActionSpec<InstallPackagesParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, InstallPackagesParams params, FactContext context) {
        String host = context.host().packageManager();
        List<String> files = params.files().stream()
                .map(f -> f.indexOf('\0') < 0 ? context.path(f).realPath() : f).toList();
        return new InstallPackages(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                PackageOps.manager(params.manager(), host), host, params.packages(), files,
                PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
    }

    @Override
    public Preview preview(InstallPackagesParams params, ExecContext context) {
        try {
            PackageBackend b = checked(params);
            Map<String, InstalledPackage> before = ops.snapshot(b);
            List<List<String>> sim = b.simulateInstallCommands(params.packages(), params.files());
            Simulation s = ops.simulate(b, sim, before);
            return new Preview(String.join(" ", sim.get(0).subList(0, Math.min(4, sim.get(0).size()))) + " ...: "
                    + s.summary(), s.text());
        } catch (PackageOps.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(InstallPackagesParams params, ExecContext context) {
        try {
            PackageBackend b = checked(params);
            Map<String, InstalledPackage> before = ops.snapshot(b);
            Simulation s = ops.simulate(b, b.simulateInstallCommands(params.packages(), params.files()), before);
            return ops.transact(b, b.installCommands(params.packages(), params.files()), s, before, context,
                    PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
        } catch (PackageOps.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    @Override
    public ActionOutcome undo(InstallPackagesParams params, JsonNode undo, ExecContext context) {
        try {
            return ops.restore(ops.backend(undo.path("manager").asText(null)), undo, context,
                    PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
        } catch (PackageOps.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    private PackageBackend checked(InstallPackagesParams params) throws PackageOps.Refused {
        PackageBackend b = ops.backend(params.manager());
        if (params.packages().isEmpty() && params.files().isEmpty()) {
            throw new PackageOps.Refused("nothing to install: give packages or files");
        }
        PackageOps.checkNames(params.packages());
        PackageOps.checkFiles(b, params.files());
        List<String> inexact = ops.inexact(b, params.packages());
        if (!inexact.isEmpty()) {
            throw new PackageOps.Refused(b.name() + " knows no package named exactly " + String.join(", ", inexact));
        }
        return b;
    }
}
