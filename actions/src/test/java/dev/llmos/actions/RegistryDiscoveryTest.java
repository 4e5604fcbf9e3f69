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

import java.util.ArrayList;
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
    void serviceLoaderFindsTheFileAndExecHandlersWithTheirShapes() {
        List<Shape> builtIn = List.of(
                new Shape("append_file", AppendFileParams.class, AppendFile.class, Effect.MUTATING, true, true),
                new Shape("exec", ExecParams.class, Exec.class, Effect.MUTATING, true, false),
                new Shape("read_file", ReadFileParams.class, ReadFile.class, Effect.READ_ONLY, true, false),
                new Shape("write_file", WriteFileParams.class, WriteFile.class, Effect.MUTATING, true, true));
        assertEquals(builtIn, ActionRegistry.discover().specs().stream().map(Shape::of).filter(builtIn::contains).toList());
    }

    /** a capability's package holds its params, its fact and its handler together (docs/extending.md). */
    @Test
    void everyHandlerKeepsItsParamsAndFactInItsOwnPackage() {
        List<String> strays = new ArrayList<>();
        ActionRegistry registry = ActionRegistry.discover();
        for (ActionSpec<?> s : registry.specs()) {
            String pkg = registry.handler(s.type()).orElseThrow().getClass().getPackageName();
            if (!s.paramsType().getPackageName().equals(pkg) || !s.factType().getPackageName().equals(pkg)) {
                strays.add(s.type());
            }
        }
        assertEquals(List.of(), strays);
    }
}
