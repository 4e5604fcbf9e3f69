package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code list_efi_vars}: the names, vendor guids and sizes of the EFI variables (efivarfs). */
@AutoService(ActionHandler.class)
public final class ListEfiVarsHandler implements ActionHandler<ListEfiVarsParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ListEfiVarsHandler.class, "list_efi_vars.schema.json");
    private static final ActionSpec<ListEfiVarsParams> SPEC = new ActionSpec<>("list_efi_vars",
            "list the EFI variables (name, vendor guid, size) from /sys/firmware/efi/efivars",
            ListEfiVarsParams.class, SCHEMA, ListEfiVars.class, Effect.READ_ONLY, true, false);

    private final Path dir;

    public ListEfiVarsHandler() {
        this(EfiVars.DEFAULT_DIR);
    }

    ListEfiVarsHandler(Path dir) {
        this.dir = dir;
    }

    @Override
    public ActionSpec<ListEfiVarsParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ListEfiVarsParams params, FactContext context) {
        return new ListEfiVars(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(), guid(params));
    }

    @Override
    public Preview preview(ListEfiVarsParams params, ExecContext context) {
        return Preview.of(Files.isDirectory(dir) ? "would list the EFI variables in " + dir : "would report: " + EfiVars.unavailable(dir));
    }

    @Override
    public ActionOutcome execute(ListEfiVarsParams params, ExecContext context) {
        if (!Files.isDirectory(dir)) {
            return Unavailable.because(EfiVars.unavailable(dir));
        }
        try {
            ObjectNode data = Unavailable.available();
            data.set("variables", EfiVars.list(dir, guid(params)));
            return ActionOutcome.success(List.of(), data, null);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot list " + dir + ": " + e);
        }
    }

    private static String guid(ListEfiVarsParams params) {
        return params.guid() == null ? null : params.guid().toLowerCase(Locale.ROOT);
    }
}
