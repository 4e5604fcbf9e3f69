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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code update_system}: refreshes the package lists and, when asked, upgrades the installed
 * packages (apt-get upgrade: never removes a package). not undoable: the old versions are gone
 * from the repositories; the result lists every version that changed.
 */
@AutoService(ActionHandler.class)
public final class UpdateSystemHandler implements ActionHandler<UpdateSystemParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(UpdateSystemHandler.class, "update_system.schema.json");
    private static final ActionSpec<UpdateSystemParams> SPEC = new ActionSpec<>("update_system",
            "refresh the package lists and, with upgrade, upgrade installed packages (apt, dnf or pacman)",
            UpdateSystemParams.class, SCHEMA, UpdateSystem.class, Effect.MUTATING, true, false);

    private final PackageOps ops;

    public UpdateSystemHandler() {
        this(PackageOps.system());
    }

    UpdateSystemHandler(PackageOps ops) {
        this.ops = ops;
    }

    @Override
    public ActionSpec<UpdateSystemParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, UpdateSystemParams params, FactContext context) {
        String host = context.host().packageManager();
        return new UpdateSystem(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                PackageOps.manager(params.manager(), host), host, params.upgrades(),
                PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
    }

    @Override
    public Preview preview(UpdateSystemParams params, ExecContext context) {
        try {
            PackageBackend b = ops.backend(params.manager());
            List<List<String>> commands = commands(b, params);
            String run = "would run " + String.join(", then ", commands.stream().map(c -> String.join(" ", c.subList(0, 2))).toList());
            if (!params.upgrades()) {
                return Preview.of(run + " (no installed package changes)");
            }
            Simulation s = ops.simulate(b, List.of(b.simulateUpgradeArgv()), ops.snapshot(b));
            return new Preview(run + "; with the package lists as they are now (the refresh may add more): " + s.summary(), s.text());
        } catch (PackageOps.Refused e) {
            return Preview.of("would fail: " + e.getMessage());
        }
    }

    @Override
    public ActionOutcome execute(UpdateSystemParams params, ExecContext context) {
        try {
            PackageBackend b = ops.backend(params.manager());
            List<List<String>> commands = commands(b, params);
            Map<String, InstalledPackage> before = ops.snapshot(b);
            return ops.transact(b, commands, new Simulation(List.of(), List.of(), List.of(), ""), before, context,
                    PackageOps.timeoutSec(params.timeoutSec(), context.limits()));
        } catch (PackageOps.Refused e) {
            return ActionOutcome.failure(e.getMessage());
        }
    }

    private static List<List<String>> commands(PackageBackend b, UpdateSystemParams params) throws PackageOps.Refused {
        List<List<String>> commands = new ArrayList<>();
        List<String> refresh = b.refreshArgv();
        if (refresh == null && !params.upgrades()) {
            throw new PackageOps.Refused(b.name() + " refreshes only together with an upgrade (a refresh alone invites "
                    + "partial upgrades): ask for upgrade");
        }
        if (refresh != null) {
            commands.add(refresh);
        }
        if (params.upgrades()) {
            commands.add(b.upgradeArgv());
        }
        return commands;
    }
}
