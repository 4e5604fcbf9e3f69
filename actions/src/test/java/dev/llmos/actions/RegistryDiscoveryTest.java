package dev.llmos.actions;

import dev.llmos.actions.exec.Exec;
import dev.llmos.actions.exec.ExecParams;
import dev.llmos.actions.files.AppendFile;
import dev.llmos.actions.files.AppendFileParams;
import dev.llmos.actions.files.ReadFile;
import dev.llmos.actions.files.ReadFileParams;
import dev.llmos.actions.files.WriteFile;
import dev.llmos.actions.files.WriteFileParams;
import dev.llmos.actions.observe.Observe;
import dev.llmos.actions.observe.ObserveParams;
import dev.llmos.actions.packages.InstallPackages;
import dev.llmos.actions.packages.InstallPackagesParams;
import dev.llmos.actions.packages.RemovePackages;
import dev.llmos.actions.packages.RemovePackagesParams;
import dev.llmos.actions.packages.UpdateSystem;
import dev.llmos.actions.packages.UpdateSystemParams;
import dev.llmos.actions.services.ServiceControl;
import dev.llmos.actions.services.ServiceControlParams;
import dev.llmos.engine.registry.ActionRegistry;
import dev.llmos.engine.spi.ActionSpec;
import dev.llmos.engine.spi.Effect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RegistryDiscoveryTest {

    /** the parts of a spec that say what an action is; the summary and schema are prose and json. */
    private record Shape(String type, Class<?> params, Class<?> fact, Effect effect, boolean dryRun, boolean undo) {
        static Shape of(ActionSpec<?> s) {
            return new Shape(s.type(), s.paramsType(), s.factType(), s.effect(), s.canDryRun(), s.canUndo());
        }
    }

    @Test
    void serviceLoaderFindsEveryHandlerWithItsShape() {
        assertEquals(List.of(
                        new Shape("append_file", AppendFileParams.class, AppendFile.class, Effect.MUTATING, true, true),
                        new Shape("cgroup_apply", dev.llmos.actions.cgroups.CgroupApplyParams.class,
                                dev.llmos.actions.cgroups.CgroupApply.class, Effect.MUTATING, true, true),
                        new Shape("dns_set", dev.llmos.actions.network.DnsSetParams.class,
                                dev.llmos.actions.network.DnsSet.class, Effect.MUTATING, true, true),
                        new Shape("exec", ExecParams.class, Exec.class, Effect.MUTATING, true, false),
                        new Shape("install_packages", InstallPackagesParams.class, InstallPackages.class, Effect.MUTATING, true, true),
                        new Shape("link_set", dev.llmos.actions.network.LinkSetParams.class,
                                dev.llmos.actions.network.LinkSet.class, Effect.MUTATING, true, true),
                        new Shape("network_show", dev.llmos.actions.network.NetworkShowParams.class,
                                dev.llmos.actions.network.NetworkShow.class, Effect.READ_ONLY, true, false),
                        new Shape("observe", ObserveParams.class, Observe.class, Effect.READ_ONLY, true, false),
                        new Shape("process_control", dev.llmos.actions.process.ProcessControlParams.class,
                                dev.llmos.actions.process.ProcessControl.class, Effect.DESTRUCTIVE, true, true),
                        new Shape("read_file", ReadFileParams.class, ReadFile.class, Effect.READ_ONLY, true, false),
                        new Shape("remove_packages", RemovePackagesParams.class, RemovePackages.class, Effect.DESTRUCTIVE, true, true),
                        new Shape("service_control", ServiceControlParams.class, ServiceControl.class, Effect.MUTATING, true, true),
                        new Shape("update_system", UpdateSystemParams.class, UpdateSystem.class, Effect.MUTATING, true, false),
                        new Shape("write_file", WriteFileParams.class, WriteFile.class, Effect.MUTATING, true, true)),
                ActionRegistry.discover().specs().stream().map(Shape::of).toList());
    }
}
