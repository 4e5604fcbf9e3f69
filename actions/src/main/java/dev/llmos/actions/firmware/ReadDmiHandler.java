package dev.llmos.actions.firmware;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.auto.service.AutoService;
import dev.llmos.actions.exec.Tool;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** {@code read_dmi}: the machine's SMBIOS/DMI tables as structures, through dmidecode. */
@AutoService(ActionHandler.class)
public final class ReadDmiHandler implements ActionHandler<ReadDmiParams> {

    private static final JsonNode SCHEMA = ActionSpec.schemaResource(ReadDmiHandler.class, "read_dmi.schema.json");
    private static final ActionSpec<ReadDmiParams> SPEC = new ActionSpec<>("read_dmi",
            "read the SMBIOS/DMI tables (bios, system, baseboard, memory, ...) as structured data (dmidecode)",
            ReadDmiParams.class, SCHEMA, ReadDmi.class, Effect.READ_ONLY, true, false);

    private final List<String> source;
    private final Path tables;

    public ReadDmiHandler() {
        this(List.of(), Path.of("/sys/firmware/dmi/tables/DMI"));
    }

    /** {@code source}: extra dmidecode arguments ({@code --from-dump FILE} in tests); {@code tables}: the kernel's copy. */
    ReadDmiHandler(List<String> source, Path tables) {
        this.source = List.copyOf(source);
        this.tables = tables;
    }

    @Override
    public ActionSpec<ReadDmiParams> spec() {
        return SPEC;
    }

    @Override
    public ActionFact fact(ActionHeader header, ReadDmiParams params, FactContext context) {
        return new ReadDmi(header.id(), header.index(), header.type(), header.reason(), header.danger().wire(), types(params));
    }

    @Override
    public Preview preview(ReadDmiParams params, ExecContext context) {
        return Preview.of("would read " + (types(params).isEmpty() ? "every DMI type" : "DMI types " + String.join(", ", types(params)))
                + " with dmidecode");
    }

    @Override
    public ActionOutcome execute(ReadDmiParams params, ExecContext context) {
        Optional<Tool> dmidecode = Tool.find("dmidecode");
        if (dmidecode.isEmpty()) {
            return Unavailable.because("dmidecode is not installed on this host");
        }
        List<String> args = new ArrayList<>(source);
        for (String t : types(params)) {
            args.addAll(List.of("-t", t));
        }
        try {
            Tool.Run run = dmidecode.get().run(args, Map.of(), 30, context.limits().maxOutputBytes() * 4);
            String out = run.stdout().text();
            if (!run.ok() && !out.contains(" present.") && !Files.exists(tables)) {
                // neither the kernel nor memory offers an entry point: a container, or a machine without SMBIOS
                return Unavailable.because("this host exposes no SMBIOS/DMI tables: " + tables
                        + " is missing and dmidecode found no entry point");
            }
            if (!run.ok()) {
                return new ActionOutcome(false, run.exitCode(), run.stdout(), run.stderr(), List.of(), null, null,
                        run.failure("dmidecode"));
            }
            ObjectNode data = Unavailable.available();
            data.setAll(Dmidecode.parse(out));
            data.put("truncated", run.stdout().truncated());
            return new ActionOutcome(true, run.exitCode(), null, run.stderr(), List.of(), data, null, null);
        } catch (IOException e) {
            return ActionOutcome.failure("cannot start dmidecode: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ActionOutcome.failure("interrupted while running dmidecode");
        }
    }

    private static List<String> types(ReadDmiParams params) {
        return params.types() == null ? List.of()
                : params.types().stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
