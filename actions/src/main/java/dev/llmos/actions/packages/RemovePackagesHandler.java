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
 * {@code remove_packages}: removes installed packages (keeping their configuration files) and
 * whatever the manager removes with them. their exact versions are recorded, and their package
 * files saved where the manager's cache has them, so undo installs the same versions again.
 */
@AutoService(ActionHandler.class)
public final class RemovePackagesHandler implements ActionHandler<RemovePackagesParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(RemovePackagesHandler.class, "remove_packages.schema.json");
    private static final ActionSpec<RemovePackagesParams> SPEC = new ActionSpec<>("remove_packages",
            "remove installed packages (configuration kept) with apt, dnf or pacman; undo reinstalls the exact versions",
            RemovePackagesParams.class, SCHEMA, RemovePackages.class, Effect.DESTRUCTIVE, true, true);

    private final PackageOps ops;

    public RemovePackagesHandler() {
        this(PackageOps.system());
    }

    RemovePackagesHandler(PackageOps ops) {
        this.ops = ops;
    }

    @Override
    public ActionSpec<RemovePackagesParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, RemovePackagesParams params, FactContext context) {
        String host = context.host().packageManager();
        List<String> names = params.packages().stream().map(n -> n.contains(":") ? n.substring(0, n.indexOf(':')) : n).toList();
        return new RemovePackages(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                PackageOps.manager(params.manager(), host), host, params.packages(), names,
                PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
    }

    @Override
    public Preview preview(RemovePackagesParams params, ExecContext context) {
        try {
            PackageBackend b = ops.backend(params.manager());
            Map<String, InstalledPackage> before = checked(b, params);
            List<String> sim = b.simulateRemoveArgv(params.packages());
            Simulation s = ops.simulate(b, List.of(sim), before);
            return new Preview(String.join(" ", sim.subList(0, Math.min(4, sim.size()))) + " ...: " + s.summary(), s.text());
        } catch (PackageOps.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(RemovePackagesParams params, ExecContext context) {
        try {
            PackageBackend b = ops.backend(params.manager());
            Map<String, InstalledPackage> before = checked(b, params);
            Simulation s = ops.simulate(b, List.of(b.simulateRemoveArgv(params.packages())), before);
            return ops.transact(b, List.of(b.removeArgv(params.packages())), s, before, context,
                    PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
        } catch (PackageOps.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    @Override
    public ActionOutcome undo(RemovePackagesParams params, JsonNode undo, ExecContext context) {
        try {
            return ops.restore(ops.backend(undo.path("manager").asText(null)), undo, context,
                    PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
        } catch (PackageOps.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    /** every name must be installed, exactly: removing by pattern is never what was meant. */
    private Map<String, InstalledPackage> checked(PackageBackend b, RemovePackagesParams params) throws PackageOps.Refused {
        if (params.packages().isEmpty()) {
            throw new PackageOps.Refused("nothing to remove: give packages");
        }
        PackageOps.checkNames(params.packages());
        Map<String, InstalledPackage> before = ops.snapshot(b);
        for (String n : params.packages()) {
            boolean installed = n.contains(":")
                    ? before.containsKey(n) && before.get(n).present()
                    : before.values().stream().anyMatch(p -> p.name().equals(n) && p.present());
            if (!installed) {
                throw new PackageOps.Refused(n + " is not installed");
            }
        }
        return before;
    }
}
