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
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code read_efi_var}: one EFI variable's attributes and value, as hex or base64. */
@AutoService(ActionHandler.class)
public final class ReadEfiVarHandler implements ActionHandler<ReadEfiVarParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ReadEfiVarHandler.class, "read_efi_var.schema.json");
    private static final ActionSpec<ReadEfiVarParams> SPEC = new ActionSpec<>("read_efi_var",
            "read one EFI variable: its attributes and its value as hex or base64",
            ReadEfiVarParams.class, SCHEMA, ReadEfiVar.class, Effect.READ_ONLY, true, false);

    private final Path dir;

    public ReadEfiVarHandler() {
        this(EfiVars.DEFAULT_DIR);
    }

    ReadEfiVarHandler(Path dir) {
        this.dir = dir;
    }

    @Override
    public ActionSpec<ReadEfiVarParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ReadEfiVarParams params, FactContext context) {
        String guid = guid(params);
        return new ReadEfiVar(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(),
                params.name(), guid, guid.equals(EfiVars.GLOBAL) || guid.equals(EfiVars.SECURE_BOOT_DB),
                EfiVars.secretLooking(params.name()));
    }

    @Override
    public Preview preview(ReadEfiVarParams params, ExecContext context) {
        return Preview.of(Files.isDirectory(dir) ? "would read " + file(params)
                : "would report: " + EfiVars.unavailable(dir));
    }

    @Override
    public ActionOutcome execute(ReadEfiVarParams params, ExecContext context) {
        if (!Files.isDirectory(dir)) {
            return Unavailable.because(EfiVars.unavailable(dir));
        }
        Path file = file(params);
        // the schema's patterns keep name and guid to one path component; this makes sure of it
        if (!file.getParent().equals(dir) || !EfiVars.FILE.matcher(file.getFileName().toString()).matches()) {
            return ActionOutcome.failure("not an EFI variable name: " + params.name() + "-" + guid(params));
        }
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return ActionOutcome.failure("no EFI variable " + params.name() + " with guid " + guid(params));
        }
        try {
            ObjectNode data = Unavailable.available().put("name", params.name()).put("guid", guid(params));
            data.setAll(EfiVars.read(file, params.encoding() == null ? "hex" : params.encoding(),
                    context.limits().defaultReadBytes()));
            return ActionOutcome.success(List.of(), data, null);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot read " + file + ": " + e);
        }
    }

    private Path file(ReadEfiVarParams params) {
        return dir.resolve(params.name() + "-" + guid(params)).normalize();
    }

    private static String guid(ReadEfiVarParams params) {
        return params.guid() == null ? EfiVars.GLOBAL : params.guid().toLowerCase(Locale.ROOT);
    }
}
